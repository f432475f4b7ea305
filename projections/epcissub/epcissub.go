// Package epcissub is the read model of EPCIS query subscriptions: every
// webhook subscription with its query and subscriber, and whether it still
// runs (cancelled, or its named query deleted). The HTTP port lists them
// and the webhook deliverer starts and stops one follower per active one.
package epcissub

import (
	"cmp"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcissub"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection holds every subscription by id.
type Projection struct {
	runner.JSONModel[state]
}

// The queries and the deliverer read it through the port app/query
// declares.
var _ query.EPCISSubscriptionModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// state is the model and its snapshot (map keys sorted: deterministic).
type state struct {
	Subs map[string]*query.EPCISSubscription `json:"subscriptions"`
	// Defined are the named queries that exist, by owner "/" name: a
	// subscription recorded after its query was deleted never runs.
	Defined map[string]bool `json:"defined"`
}

func newState() *state {
	return &state{Subs: map[string]*query.EPCISSubscription{}, Defined: map[string]bool{}}
}

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("epcissub", newState, p.apply)
	return p
}

func queryKey(owner, name string) string { return owner + "/" + name }

// apply folds subscriptions and the lives of the queries they name.
func (p *Projection) apply(env *runner.Envelope) {
	s := p.State()
	switch ev := env.Event.(type) {
	case epcissub.Created:
		s.Subs[ev.ID] = &query.EPCISSubscription{ID: ev.ID, Owner: ev.Owner, QueryName: ev.QueryName, Query: ev.Query,
			Subscriber: access.Actor{Role: access.Role(ev.Role), USCC: ev.USCC}, Dest: ev.Dest,
			SignatureSealed: ev.SignatureSealed, Stream: ev.Stream, Schedule: ev.Schedule, ReportIfEmpty: ev.ReportIfEmpty,
			InitialRecordTime: ev.InitialRecordTime,
			EPCFormat:         ev.EPCFormat, CreatedAt: env.Metadata.RecordedAt.UTC(), Position: env.Position,
			Active: s.Defined[queryKey(ev.Owner, ev.QueryName)]}
	case epcissub.Cancelled:
		if sub := s.Subs[ev.ID]; sub != nil {
			sub.Active = false
		}
	default:
		p.applyQuery(env)
	}
}

// queryDeleted ends every subscription of owner's query name.
func (s *state) queryDeleted(owner, name string) {
	delete(s.Defined, queryKey(owner, name))
	for _, sub := range s.Subs {
		if sub.Owner == owner && sub.QueryName == name {
			sub.Active = false
		}
	}
}

// EPCISSubscriptions are the active subscriptions of owner's query, or
// every active one when owner is "", oldest first.
func (p *Projection) EPCISSubscriptions(owner, queryName string) []query.EPCISSubscription {
	p.RLock()
	defer p.RUnlock()
	var out []query.EPCISSubscription
	for _, sub := range p.State().Subs {
		if sub.Active && (owner == "" || sub.Owner == owner && sub.QueryName == queryName) {
			out = append(out, *sub)
		}
	}
	slices.SortFunc(out, func(a, b query.EPCISSubscription) int {
		if a.Position != b.Position {
			return cmp.Compare(a.Position, b.Position)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// EPCISSubscription is one subscription, active or not.
func (p *Projection) EPCISSubscription(id string) (query.EPCISSubscription, bool) {
	p.RLock()
	defer p.RUnlock()
	sub, ok := p.State().Subs[id]
	if !ok {
		return query.EPCISSubscription{}, false
	}
	return *sub, true
}
