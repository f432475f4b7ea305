// Package recalllist is the recall list read model (召回清单): for every
// recall, every holder of units of the recalled batches with what it has in
// stock, on its way, sold, returned and destroyed; the deadlines; progress;
// and status. It folds only the recalls themselves: where units are comes
// from the trace model's tallies at query time (Units), so the unit fold is
// written once and the list moves as units move after the recall starts.
package recalllist

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// Units answers where each holder's units of a batch are now, counted as
// batch.Tallies counts them; *trace.Projection implements it.
type Units interface {
	Tallies(gtin, lot string) ([]batch.Tally, bool)
}

// Recall is what the model keeps of one recall.
type Recall struct {
	ID          string            `json:"id"`
	Level       int               `json:"level"`
	Reason      string            `json:"reason"`
	InitiatedBy string            `json:"initiated_by"`
	Batches     []recall.BatchKey `json:"batches"`
	StartedAt   int64             `json:"started_at"`
	StartBy     string            `json:"start_by"`
	CompleteBy  string            `json:"complete_by"`
	Closed      bool              `json:"closed,omitempty"`
	ClosedAt    int64             `json:"closed_at,omitempty"`
	// FirstReturnAt is when the first unit was returned or destroyed (0:
	// none yet); Returns counts return events.
	FirstReturnAt int64 `json:"first_return_at,omitempty"`
	Returns       int   `json:"returns,omitempty"`
	// Notified is when each holder was sent the recall notice, from the
	// recall.HolderNotified events of the notice streams.
	Notified map[string]int64 `json:"notified,omitempty"`
}

type state struct {
	Recalls map[string]*Recall `json:"recalls"`
}

func newState() *state { return &state{Recalls: map[string]*Recall{}} }

// Projection is the recall list model.
type Projection struct {
	runner.JSONModel[state]
	units Units
}

// The queries read it through the port app/query declares.
var _ query.RecallModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// New returns an empty model reading unit tallies from units.
func New(units Units) *Projection {
	p := &Projection{units: units}
	p.JSONModel = runner.NewJSONModel("recalllist", newState, p.apply)
	return p
}

// Version is the snapshot layout's version.
func (p *Projection) Version() int { return 1 }
