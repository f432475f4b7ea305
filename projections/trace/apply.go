package trace

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// apply folds one envelope. Events about batches or declarations the model
// does not know are skipped: the domain never emits them, and a read model
// must not stop on them.
func (t *tx) apply(env *runner.Envelope) error {
	at := unitstate.Stamp(env.Metadata.OccurredAt)
	switch ev := env.Event.(type) {
	case batch.Registered:
		return t.register(ev, at)
	case batch.Cleared:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error {
			b.Clearance = &Clearance{DeclarationNo: ev.DeclarationNo, Decision: ev.Decision, Reason: ev.Reason, At: at}
			if ev.Decision == batch.DecisionRejected {
				return t.listHeld(b, pRejected)
			}
			return t.b.Delete(batchKey(pRejected, b.GTIN, b.Lot))
		})
	case batch.Recalled:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error {
			b.Recalls = append(b.Recalls, RecallRef{RecallID: ev.RecallID, Level: ev.Level, At: at})
			return t.listHeld(b, pRecalled)
		})
	case batch.Inspected:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error {
			b.Inspections = append(b.Inspections, Inspection{USCC: ev.EnterpriseUSCC, Result: ev.Result, Findings: ev.Findings, At: at})
			return nil
		})
	case batch.Labelled:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.labelled(b, ev, at) })
	case batch.Shipped:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.shipped(b, ev, at) })
	case batch.Received:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.received(b, ev, at) })
	case batch.Sold:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.sold(b, ev, at) })
	case batch.Returned:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.returned(b, ev, at) })
	case batch.Disposed:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.returned(b, ev.AsReturn(), at) })
	case batch.Packed:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.pack(b, ev.Serials, ev.SSCC) })
	case batch.Unpacked:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.pack(b, ev.Serials, "") })
	case batch.Consumed:
		return t.update(ev.GTIN, ev.Lot, func(b *Batch) error { return t.consumed(b, ev, at) })
	case transformation.Recorded:
		return t.transformed(ev, at, env.Position)
	case customs.Declared:
		return t.declare(ev, at)
	case customs.Inspected:
		return t.declaration(ev.DeclarationNo, func(d *Declaration) {
			d.Inspections = append(d.Inspections, CustomsInspection{Result: ev.Result, Findings: ev.Findings, At: at})
		})
	case customs.Released:
		return t.declaration(ev.DeclarationNo, func(d *Declaration) {
			d.Decision, d.Reason, d.DecidedAt = batch.DecisionReleased, ev.Reason, at
		})
	case customs.Rejected:
		return t.declaration(ev.DeclarationNo, func(d *Declaration) {
			d.Decision, d.Reason, d.DecidedAt = batch.DecisionRejected, ev.Reason, at
		})
	}
	return nil
}

// update changes a registered batch (and skips an unknown one).
func (t *tx) update(gtin, lot string, fn func(b *Batch) error) error {
	b, err := t.batch(gtin, lot)
	if err != nil || b == nil {
		return err
	}
	if err := fn(b); err != nil {
		return err
	}
	t.changed(b)
	return nil
}

func (t *tx) register(ev batch.Registered, at int64) error {
	b, err := t.batch(ev.GTIN, ev.Lot)
	if err != nil || b != nil {
		return err
	}
	b = &Batch{GTIN: ev.GTIN, Lot: ev.Lot, Owner: ev.OwnerUSCC, Origin: ev.OriginCountry, Imported: ev.Imported,
		Quantity: ev.Quantity, ProducedOn: ev.ProducedOn, ExpiresOn: ev.ExpiresOn, RegisteredAt: at, No: t.numbered}
	t.numbered++
	t.changed(b)
	owner, err := t.id(ev.OwnerUSCC)
	if err != nil {
		return err
	}
	r, err := t.tally(b, owner)
	if err != nil {
		return err
	}
	r.units.Register(ev.Quantity)
	return nil // the expiry index lists it once its owner's units are counted (tx.write)
}

// declaration changes a known declaration.
func (t *tx) declaration(no string, fn func(d *Declaration)) error {
	k := modelstore.Key(pDeclaration, no)
	d, err := readJSON[Declaration](t.b, k)
	if err != nil || d == nil {
		return err
	}
	fn(d)
	return t.setJSON(k, d)
}

func (t *tx) declare(ev customs.Declared, at int64) error {
	k := modelstore.Key(pDeclaration, ev.DeclarationNo)
	if d, err := readJSON[Declaration](t.b, k); err != nil || d != nil {
		return err
	}
	if err := t.setJSON(k, &Declaration{Port: ev.Port, Importer: ev.ImporterUSCC, DeclaredAt: at, Lines: ev.Lines}); err != nil {
		return err
	}
	for _, ln := range ev.Lines {
		err := t.update(ln.GTIN, ln.Lot, func(b *Batch) error {
			if !slices.Contains(b.Declarations, ev.DeclarationNo) {
				b.Declarations = append(b.Declarations, ev.DeclarationNo)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) setJSON(k []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("trace model: %q: %w", k, err)
	}
	return t.b.Set(k, b)
}

// readJSON reads a JSON row (nil when absent).
func readJSON[T any](r reader, k []byte) (*T, error) {
	v, ok, err := r.Get(k)
	if err != nil || !ok {
		return nil, err
	}
	var out T
	if err := json.Unmarshal(v, &out); err != nil {
		return nil, fmt.Errorf("trace model: %q: %w", k, err)
	}
	return &out, nil
}
