// Package capture is the read model of EPCIS capture: the capture jobs that
// appended (their record is in the log, so they survive what the log
// survives) and the GLN registry, each location with its enterprise.
package capture

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/location"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection holds the jobs and locations.
type Projection struct {
	runner.JSONModel[state]
}

var (
	_ query.CaptureModel = (*Projection)(nil)
	_ runner.Projection  = (*Projection)(nil)
)

type state struct {
	Jobs      map[string]*query.CaptureJob    `json:"jobs"`
	Order     []string                        `json:"order"`     // job ids by position
	Locations map[string][]query.LocationView `json:"locations"` // uscc -> its locations
}

func newState() *state {
	return &state{Jobs: map[string]*query.CaptureJob{}, Locations: map[string][]query.LocationView{}}
}

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("capture", newState, p.apply)
	return p
}

func (p *Projection) apply(env *runner.Envelope) {
	s := p.State()
	switch ev := env.Event.(type) {
	case location.Registered:
		s.Locations[ev.USCC] = append(s.Locations[ev.USCC], query.LocationView{GLN: ev.GLN, Extension: ev.Extension, USCC: ev.USCC,
			Name: ev.Name, At: env.Metadata.OccurredAt.UTC(), Position: env.Position})
	case capture.JobRecorded:
		created, _ := time.Parse(time.RFC3339Nano, ev.ReceivedAt)
		j := &query.CaptureJob{CaptureID: ev.JobID, CreatedAt: created, FinishedAt: env.Metadata.RecordedAt.UTC(), Success: true,
			CaptureErrorBehaviour: "rollback", Errors: []query.CaptureProblem{}, ActorUSCC: ev.ActorUSCC, ActorRole: ev.ActorRole,
			Format: ev.Format, Position: env.Position}
		if j.FinishedAt.IsZero() {
			j.FinishedAt = created
		}
		for _, r := range ev.Results {
			j.Events = append(j.Events, query.CaptureJobEvent{Index: r.Index, HashID: r.HashID, Outcome: r.Outcome, Command: r.Command})
		}
		if _, seen := s.Jobs[ev.JobID]; !seen {
			s.Order = append(s.Order, ev.JobID)
		}
		s.Jobs[ev.JobID] = j
	}
}

// Job answers a job by id (a copy).
func (p *Projection) Job(id string) (query.CaptureJob, bool) {
	p.RLock()
	defer p.RUnlock()
	j, ok := p.State().Jobs[id]
	if !ok {
		return query.CaptureJob{}, false
	}
	return copyJob(j), true
}

// Jobs lists every job by position (copies).
func (p *Projection) Jobs() []query.CaptureJob {
	p.RLock()
	defer p.RUnlock()
	s := p.State()
	out := make([]query.CaptureJob, 0, len(s.Order))
	for _, id := range s.Order {
		out = append(out, copyJob(s.Jobs[id]))
	}
	return out
}

// Locations lists an enterprise's locations (a copy).
func (p *Projection) Locations(uscc string) []query.LocationView {
	p.RLock()
	defer p.RUnlock()
	return append([]query.LocationView(nil), p.State().Locations[uscc]...)
}

func copyJob(j *query.CaptureJob) query.CaptureJob {
	c := *j
	c.Errors = append([]query.CaptureProblem{}, j.Errors...)
	c.Events = append([]query.CaptureJobEvent(nil), j.Events...)
	return c
}
