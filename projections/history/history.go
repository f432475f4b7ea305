// Package history is the read model of which events touched what: for
// every item, batch, product (GTIN) and enterprise (USCC), the positions of
// the events that touched it, in log order, so a history is read back from
// the log by position (with its hashes) rather than kept twice. It also
// keeps who held each item, batch and product (for access control), the
// serial → lot index an SGTIN needs, and what the item's traceability card
// shows.
//
// What touches what:
//
//   - An item (GTIN + lot + serial): the events naming its serial
//     (batch.labelled, goods.shipped, goods.received, goods.sold,
//     goods.returned, a complaint naming it and that complaint's
//     resolution), and every event that concerns its whole batch, whenever
//     it happened, before the item was labelled or after it was sold: the
//     batch's registration (where the unit comes from), the customs
//     declaration, inspection, release or rejection of its batch and the
//     batch's clearance, recalls of its batch (start, batch.recalled,
//     closure), market inspections of its batch, and complaints naming the
//     batch but no serial. Movements of other units of the batch and
//     shipment headers are not the item's (its goods.shipped carries the
//     waybill).
//   - A batch (GTIN + lot): every event of its stream, the customs events of
//     declarations naming it, the shipment headers (dispatch and receipt)
//     of shipments carrying it, recalls naming it (start and closure), and
//     complaints naming it or one of its items (and their resolutions).
//   - A product (GTIN): its stream (registration, certificate events), its
//     batches' registrations, and complaints naming the GTIN (and their
//     resolutions).
//   - An enterprise (USCC): every event naming it as owner, sender,
//     receiver, seller, notifier, importer, holder, inspected enterprise,
//     complained-against, recall initiator or penalised enterprise; every
//     event it recorded itself (actor USCC); and the decisions on what it
//     filed: certificate decisions on the GTIN it last notified, customs
//     inspection and decision on its declarations, closure of its recalls.
//
// Holders (who may read a good's history): an item's labelling owner and
// every sender and receiver of shipments naming it (seller and returning
// holder held it already); a batch's owner and every enterprise that
// labelled, sent, received, sold or returned units of it; a product's owner
// and notifiers and every holder of its batches.
package history

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// Reader reads the events at given positions, in that order: the port
// through which a history's positions become its events.
// *sqlite.Store implements it.
type Reader interface {
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

// Projection is the history model. It is safe for concurrent queries while
// the runner applies events: Apply holds the write lock until its batch is
// committed, so a query sees the model at a batch boundary.
type Projection struct {
	mu   sync.RWMutex
	m    *modelstore.Model
	ents *entTable
	// numbered is how many batches are numbered (the K key).
	numbered uint32
	// err is a failed Reset's: every Apply fails with it until a Reset
	// succeeds.
	err error
	// track, when set, is told what each event adds (Tracker).
	track *Tracker
}

// The queries read it through the port app/query declares.
var _ query.HistoryModel = (*Projection)(nil)

var _ runner.Durable = (*Projection)(nil)

// New opens the model kept in m (from its DB's Model("history")): what it
// holds is kept, unless it was laid out by another version of this
// package, in which case it is emptied and rebuilt.
func New(m *modelstore.Model) (*Projection, error) {
	if _, err := m.Layout(layout); err != nil {
		return nil, fmt.Errorf("history model: %w", err)
	}
	ents, err := loadEnts(m)
	if err != nil {
		return nil, fmt.Errorf("history model: read its enterprises: %w", err)
	}
	numbered, err := modelstore.ReadCount(m, numberedKey())
	if err != nil {
		return nil, fmt.Errorf("history model: read its batch count: %w", err)
	}
	return &Projection{m: m, ents: ents, numbered: numbered}, nil
}

// Name is the model's name in the runner and the metrics label.
func (p *Projection) Name() string { return "history" }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ents = newEntTable()
	p.numbered = 0
	p.err = p.m.Reset()
}

// Apply folds a batch of envelopes, in log order, in one write that also
// records the position the batch reaches.
func (p *Projection) Apply(batch []runner.Envelope) error {
	if len(batch) == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	b := p.m.BeginBlind()
	t := newTx(p.ents, p.numbered, p.m, b)
	t.track = p.track
	for i := range batch {
		t.apply(&batch[i])
		if t.err != nil {
			break
		}
	}
	err := t.flush()
	if err == nil {
		err = b.Commit(batch[len(batch)-1].Position)
	} else {
		b.Discard()
	}
	if err != nil {
		// The enterprise table may hold enterprises of the batch just lost.
		ents, loadErr := loadEnts(p.m)
		if loadErr != nil {
			p.err = loadErr
		} else {
			p.ents = ents
		}
		return fmt.Errorf("history: %w", err)
	}
	p.numbered = t.numbered
	return nil
}

// Position is the log position the stored model covers.
func (p *Projection) Position() (uint64, error) { return p.m.Position() }

// Persist does nothing: the model store is synced when it closes, and a
// batch lost in a crash only moves the position back.
func (p *Projection) Persist() error { return nil }

// Snapshot writes every key of the model (the enterprise table included),
// for comparison with a replay.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.m.Dump(w)
}

// Restore is never called: the model carries its own position on disk.
func (p *Projection) Restore(io.Reader) error {
	return errors.New("history: the model lives on disk and is never restored from a snapshot")
}

func errMissingEnt(at uint32, want int) error {
	return fmt.Errorf("enterprise row %d where row %d was due", at, want)
}
