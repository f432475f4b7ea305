package trace

import (
	"slices"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// apply folds one envelope. Events about batches or declarations the model
// does not know are skipped: the domain never emits them, and a read model
// must not stop on them.
func (p *Projection) apply(env *runner.Envelope) {
	at := unitstate.Stamp(env.Metadata.OccurredAt)
	switch ev := env.Event.(type) {
	case batch.Registered:
		p.register(ev, at)
	case batch.Cleared:
		if b := p.batch(ev.GTIN, ev.Lot); b != nil {
			b.Clearance = &Clearance{DeclarationNo: ev.DeclarationNo, Decision: ev.Decision, Reason: ev.Reason, At: at}
		}
	case batch.Recalled:
		if b := p.batch(ev.GTIN, ev.Lot); b != nil {
			b.Recalls = append(b.Recalls, RecallRef{RecallID: ev.RecallID, Level: ev.Level, At: at})
		}
	case batch.Inspected:
		if b := p.batch(ev.GTIN, ev.Lot); b != nil {
			b.Inspections = append(b.Inspections, Inspection{USCC: ev.EnterpriseUSCC, Result: ev.Result, Findings: ev.Findings, At: at})
		}
	case batch.Labelled:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Shipped:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Received:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Sold:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Returned:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Disposed:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Packed:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Unpacked:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case batch.Consumed:
		p.units(ev.GTIN, ev.Lot, ev, at)
	case transformation.Recorded:
		p.transformed(ev, at, env.Position)
	case customs.Declared:
		p.declare(ev, at)
	case customs.Inspected:
		if d := p.State().Declarations[ev.DeclarationNo]; d != nil {
			d.Inspections = append(d.Inspections, CustomsInspection{Result: ev.Result, Findings: ev.Findings, At: at})
		}
	case customs.Released:
		if d := p.State().Declarations[ev.DeclarationNo]; d != nil {
			d.Decision, d.Reason, d.DecidedAt = batch.DecisionReleased, ev.Reason, at
		}
	case customs.Rejected:
		if d := p.State().Declarations[ev.DeclarationNo]; d != nil {
			d.Decision, d.Reason, d.DecidedAt = batch.DecisionRejected, ev.Reason, at
		}
	}
}

func (p *Projection) batch(gtin, lot string) *Batch { return p.State().Batches[key(gtin, lot)] }

func (p *Projection) register(ev batch.Registered, at int64) {
	k := key(ev.GTIN, ev.Lot)
	if p.State().Batches[k] != nil {
		return
	}
	b := &Batch{GTIN: ev.GTIN, Lot: ev.Lot, Owner: ev.OwnerUSCC, Origin: ev.OriginCountry, Imported: ev.Imported,
		Quantity: ev.Quantity, ProducedOn: ev.ProducedOn, ExpiresOn: ev.ExpiresOn, RegisteredAt: at, Units: unitstate.NewBatch()}
	b.Units.Apply(ev, at, p.State().Holders)
	p.State().Batches[k] = b
	lots := p.State().lots[ev.GTIN]
	if i, found := slices.BinarySearch(lots, ev.Lot); !found {
		p.State().lots[ev.GTIN] = slices.Insert(lots, i, ev.Lot)
	}
}

func (p *Projection) units(gtin, lot string, ev event.Event, at int64) {
	if b := p.batch(gtin, lot); b != nil {
		b.Units.Apply(ev, at, p.State().Holders)
	}
}

func (p *Projection) declare(ev customs.Declared, at int64) {
	if p.State().Declarations[ev.DeclarationNo] != nil {
		return
	}
	p.State().Declarations[ev.DeclarationNo] = &Declaration{Port: ev.Port, Importer: ev.ImporterUSCC, DeclaredAt: at, Lines: ev.Lines}
	for _, ln := range ev.Lines {
		if b := p.batch(ln.GTIN, ln.Lot); b != nil && !slices.Contains(b.Declarations, ev.DeclarationNo) {
			b.Declarations = append(b.Declarations, ev.DeclarationNo)
		}
	}
}
