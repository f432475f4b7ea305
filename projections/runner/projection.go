// Package runner keeps read models up to date: it folds the event log into
// every projection on one checkpointed subscription, saves each projection's
// state together with the position it covers (one atomic snapshot file), and
// lets queries wait until the models they read have reached a client's own
// write. Each projection keeps its own position: one whose fold fails stops
// there (Failed reports it) and fails the waits on it at once, while the
// others carry on and answer theirs (Of).
package runner

import (
	"io"

	"github.com/traceledger/traceledger/domain/event"
)

// Envelope is a stored record with its domain event decoded once for every
// projection. Event is nil for a type no aggregate of this build knows.
type Envelope struct {
	event.Record
	Event event.Event
}

// Projection is a read model: a pure fold of the log. The same envelopes in
// the same order must give the same state, and Snapshot must write the same
// bytes for the same state (JSON of maps, whose keys encoding/json sorts,
// does), so that a model can be checked against a full replay.
//
// Apply is called from one goroutine at a time with envelopes in log order,
// each exactly once across restarts; queries run concurrently with it, so
// the projection guards its state (an RWMutex held for the whole batch, so a
// query sees a model at a batch boundary).
type Projection interface {
	// Name is stable: it names the snapshot file and the metrics label.
	Name() string
	Apply(batch []Envelope) error
	Snapshot(w io.Writer) error
	Restore(r io.Reader) error
	// Reset empties the model, for a rebuild from position 1.
	Reset()
}

// Batched is a projection whose Apply costs more per batch than per
// event, and that asks for batches of BatchSize envelopes when the log
// has that many waiting (a catch-up, a rebuild): a search index writes
// each document a batch touched once, however many of its events touched
// it, so larger batches write fewer documents.
type Batched interface {
	BatchSize() int
}

// defaultBatchSize bounds the envelopes of one Apply for a projection
// that does not ask for another size.
const defaultBatchSize = 4096

// batchSizeOf is the batch size the projections folded together take:
// the smallest any of them asks for, so that none gets batches larger
// than it wants.
func batchSizeOf(ps []Projection) int {
	n := 0
	for _, p := range ps {
		size := defaultBatchSize
		if b, ok := p.(Batched); ok && b.BatchSize() > 0 {
			size = b.BatchSize()
		}
		if n == 0 || size < n {
			n = size
		}
	}
	return max(n, 1)
}
