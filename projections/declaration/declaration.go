// Package declaration is the customs declarations read model: each
// declaration (报关单) by its number, with its lines, inspections and the
// release or rejection, so an auditor can start from the number on the
// paperwork.
package declaration

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection holds every declaration by number.
type Projection struct {
	runner.JSONModel[state]
}

// The queries read it through the port app/query declares.
var _ query.DeclarationModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// state is the model and its snapshot (map keys sorted: deterministic).
type state struct {
	Decls map[string]*query.DeclarationView `json:"declarations"`
}

func newState() *state { return &state{Decls: map[string]*query.DeclarationView{}} }

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("declaration", newState, p.apply)
	return p
}

// apply folds the customs events.
func (p *Projection) apply(env *runner.Envelope) {
	decls := p.State().Decls
	at := env.Metadata.OccurredAt.UTC()
	switch ev := env.Event.(type) {
	case customs.Declared:
		decls[ev.DeclarationNo] = &query.DeclarationView{DeclarationNo: ev.DeclarationNo, Port: ev.Port, ImporterUSCC: ev.ImporterUSCC,
			DeclaredAt: at, Position: env.Position, Lines: ev.Lines, Inspections: []query.DeclarationInspection{}}
	case customs.Inspected:
		if d := decls[ev.DeclarationNo]; d != nil {
			d.Inspections = append(d.Inspections, query.DeclarationInspection{Result: ev.Result, Findings: ev.Findings, At: at})
		}
	case customs.Released:
		if d := decls[ev.DeclarationNo]; d != nil {
			d.Decision, d.DecidedAt, d.Reason = "released", &at, ev.Reason
		}
	case customs.Rejected:
		if d := decls[ev.DeclarationNo]; d != nil {
			d.Decision, d.DecidedAt, d.Reason = "rejected", &at, ev.Reason
		}
	}
}

// Get answers a declaration by number (a copy the caller may keep).
func (p *Projection) Get(no string) (query.DeclarationView, bool) {
	p.RLock()
	defer p.RUnlock()
	d, ok := p.State().Decls[no]
	if !ok {
		return query.DeclarationView{}, false
	}
	v := *d
	v.Lines = append([]customs.Line(nil), d.Lines...)
	v.Inspections = append([]query.DeclarationInspection(nil), d.Inspections...)
	return v, true
}

// Declarations lists every declaration, in no particular order (the query
// sorts): copies the caller may keep.
func (p *Projection) Declarations() []query.DeclarationView {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.DeclarationView, 0, len(p.State().Decls))
	for _, d := range p.State().Decls {
		v := *d
		v.Lines = append([]customs.Line(nil), d.Lines...)
		v.Inspections = append([]query.DeclarationInspection(nil), d.Inspections...)
		out = append(out, v)
	}
	return out
}
