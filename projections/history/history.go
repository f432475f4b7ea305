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
	"sync"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// Reader reads the events at given positions, in that order: the port
// through which a history's positions become its events.
// *sqlite.Store implements it.
type Reader interface {
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

// Projection is the history model. It is safe for concurrent queries while
// the runner applies events.
type Projection struct {
	mu sync.RWMutex
	s  *state
}

// The queries read it through the port app/query declares.
var _ query.HistoryModel = (*Projection)(nil)

var (
	_ runner.Projection = (*Projection)(nil)
	_ runner.Versioned  = (*Projection)(nil)
)

// New returns an empty model.
func New() *Projection { return &Projection{s: newState()} }

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "history" }

// Version is the snapshot layout's version: a snapshot of another is
// discarded and the model rebuilt.
func (p *Projection) Version() int { return 4 }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = newState()
}

// Apply folds a batch of envelopes, in log order.
func (p *Projection) Apply(batch []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range batch {
		p.s.apply(&batch[i])
	}
	return nil
}
