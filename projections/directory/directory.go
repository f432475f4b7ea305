// Package directory is the read model of registered enterprises by USCC:
// who they are, how to reach them and how often they were penalised. Other
// read models' answers (trace holders, recall lists) show names and contacts
// from it rather than keeping their own copies.
package directory

import (
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/projections/runner"
)

// Entry is one enterprise as its registration and penalties describe it.
type Entry struct {
	USCC         string   `json:"uscc"`
	Name         string   `json:"name"`
	Region       string   `json:"region"`
	Roles        []string `json:"roles"`
	FoodOperator bool     `json:"food_operator"`
	Contact      string   `json:"contact,omitempty"`
	WebhookURL   string   `json:"webhook_url,omitempty"`
	// Position and RegisteredAt are the registration's log position and
	// occurred_at; Position 0 means penalties were seen but no registration.
	Position     uint64    `json:"registered_position"`
	RegisteredAt time.Time `json:"registered_at"`
	Penalties    int       `json:"penalties"`
}

// HasRole reports whether the enterprise registered with role r.
func (e Entry) HasRole(r enterprise.Role) bool { return slices.Contains(e.Roles, string(r)) }

// Projection is the directory. It is safe for concurrent queries while the
// runner applies events.
type Projection struct {
	runner.JSONModel[state]
}

var _ runner.Projection = (*Projection)(nil)

// state is the directory's persisted state: encoding/json sorts the map's
// keys, so the same state always writes the same bytes.
type state struct {
	Enterprises map[string]*Entry `json:"enterprises"`
}

func newState() *state { return &state{Enterprises: map[string]*Entry{}} }

// New returns an empty directory.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("directory", newState, p.apply)
	return p
}

// apply folds enterprise registrations and penalties; other events are
// ignored.
func (p *Projection) apply(env *runner.Envelope) {
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		e := p.entry(ev.USCC)
		e.Name, e.Region, e.FoodOperator = ev.Name, ev.Region, ev.FoodOperator
		e.Roles = slices.Clone(ev.Roles)
		e.Contact, e.WebhookURL = ev.Contact, ev.WebhookURL
		e.Position, e.RegisteredAt = env.Position, env.Metadata.OccurredAt.UTC()
	case enterprise.PenaltyImposed:
		p.entry(ev.USCC).Penalties++
	}
}

func (p *Projection) entry(uscc string) *Entry {
	e := p.State().Enterprises[uscc]
	if e == nil {
		e = &Entry{USCC: uscc, Roles: []string{}}
		p.State().Enterprises[uscc] = e
	}
	return e
}

// Enterprise returns the registered enterprise with this USCC.
func (p *Projection) Enterprise(uscc string) (Entry, bool) {
	p.RLock()
	defer p.RUnlock()
	e := p.State().Enterprises[uscc]
	if e == nil || e.Position == 0 {
		return Entry{}, false
	}
	out := *e
	out.Roles = slices.Clone(e.Roles)
	return out, true
}

// NameOf returns the registered name of an enterprise, or "" when it is not
// registered: answers show a holder's name beside its USCC. (Name is taken:
// it names the projection for the runner.)
func (p *Projection) NameOf(uscc string) string {
	p.RLock()
	defer p.RUnlock()
	if e := p.State().Enterprises[uscc]; e != nil {
		return e.Name
	}
	return ""
}

// Len is how many enterprises are registered.
func (p *Projection) Len() int {
	p.RLock()
	defer p.RUnlock()
	n := 0
	for _, e := range p.State().Enterprises {
		if e.Position != 0 {
			n++
		}
	}
	return n
}
