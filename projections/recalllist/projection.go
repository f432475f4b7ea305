// Package recalllist is the recall list read model (召回清单): for every
// recall, every holder of units of the recalled batches with what it has in
// stock, on its way, sold, returned and destroyed; the deadlines; progress;
// and status. It folds only the recalls themselves: where units are comes
// from the trace model's tallies at query time (Units), so the unit fold is
// written once and the list moves as units move after the recall starts.
package recalllist

import (
	"context"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// Units answers where each holder's units of a batch are now, counted as
// batch.Tallies counts them; *trace.Projection implements it. ok is false
// for a batch it does not know; a failed read is an error, and so is the
// list that reads it.
type Units interface {
	Tallies(ctx context.Context, gtin, lot string) ([]batch.Tally, bool, error)
}

// ContainerUnits answers, per holder, the containers holding its packed
// units of a batch; *trace.Projection implements it. A Units that does not
// leaves the rows without containers.
type ContainerUnits interface {
	Containers(ctx context.Context, gtin, lot string) (map[string][]string, error)
}

// Recall is what the model keeps of one recall.
type Recall struct {
	ID          string            `json:"id"`
	Level       int               `json:"level"`
	Reason      string            `json:"reason"`
	InitiatedBy string            `json:"initiated_by"`
	Batches     []recall.BatchKey `json:"batches"`
	Derived     []recall.BatchKey `json:"derived,omitempty"`
	StartedAt   int64             `json:"started_at"`
	// Position is the log position of recall.Started: the inbox's order
	// and cursor.
	Position   uint64 `json:"position"`
	StartBy    string `json:"start_by"`
	CompleteBy string `json:"complete_by"`
	Closed     bool   `json:"closed,omitempty"`
	ClosedAt   int64  `json:"closed_at,omitempty"`
	// FirstReturnAt is when the first unit was returned or destroyed (0:
	// none yet); Returns counts return events.
	FirstReturnAt int64 `json:"first_return_at,omitempty"`
	Returns       int   `json:"returns,omitempty"`
	// Notified is when each holder was sent the recall notice, from the
	// recall.HolderNotified events of the notice streams.
	Notified map[string]int64 `json:"notified,omitempty"`
	// Acknowledged is when each holder acknowledged the notice in its inbox
	// (recall.NoticeAcknowledged), with its note.
	Acknowledged map[string]Ack `json:"acknowledged,omitempty"`
	// Reminders are the reminders sent to holders yet to acknowledge
	// (recall.HoldersReminded), oldest first.
	Reminders []Reminder `json:"reminders,omitempty"`
	// The plan, as recall.Started records it (empty on older recalls).
	Hazard        string `json:"hazard,omitempty"`
	HazardKnownAt string `json:"hazard_known_at,omitempty"`
	Scope         string `json:"scope,omitempty"`
	Measures      string `json:"measures,omitempty"`
	Contact       string `json:"contact,omitempty"`
	// PublicNotice is the regulator's acceptance of the public notice for
	// sold units (nil: none).
	PublicNotice *query.RecallPublicNotice `json:"public_notice,omitempty"`
	// Accounting is the closed event's record (nil: not closed, or closed
	// before the record was kept).
	Accounting *recall.Accounting `json:"accounting,omitempty"`
}

// Ack is one holder's acknowledgement of a recall notice.
type Ack struct {
	At   int64  `json:"at"`
	Note string `json:"note,omitempty"`
}

// Reminder is one reminder: when (the ledger's time), whom, and its note.
type Reminder struct {
	At      int64    `json:"at"`
	Holders []string `json:"holders"`
	Note    string   `json:"note,omitempty"`
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
func (p *Projection) Version() int { return 3 }
