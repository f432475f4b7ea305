// Package declaration is the customs declarations read model: each
// declaration (报关单) by its number, with its lines, inspections and the
// release or rejection, so an auditor can start from the number on the
// paperwork.
package declaration

import (
	"time"

	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/projections/runner"
)

// Inspection is one customs inspection result.
type Inspection struct {
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// View is a declaration as the API answers it.
type View struct {
	DeclarationNo string         `json:"declaration_no"`
	Port          string         `json:"port"`
	ImporterUSCC  string         `json:"importer_uscc"`
	ImporterName  string         `json:"importer_name,omitempty"`
	DeclaredAt    time.Time      `json:"declared_at"`
	Position      uint64         `json:"position"`
	Lines         []customs.Line `json:"lines"`
	Inspections   []Inspection   `json:"inspections"`
	Decision      string         `json:"decision"`
	DecidedAt     *time.Time     `json:"decided_at,omitempty"`
	Reason        string         `json:"reason,omitempty"`
}

// Projection holds every declaration by number.
type Projection struct {
	runner.JSONModel[state]
}

var _ runner.Projection = (*Projection)(nil)

// state is the model and its snapshot (map keys sorted: deterministic).
type state struct {
	Decls map[string]*View `json:"declarations"`
}

func newState() *state { return &state{Decls: map[string]*View{}} }

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
		decls[ev.DeclarationNo] = &View{DeclarationNo: ev.DeclarationNo, Port: ev.Port, ImporterUSCC: ev.ImporterUSCC,
			DeclaredAt: at, Position: env.Position, Lines: ev.Lines, Inspections: []Inspection{}}
	case customs.Inspected:
		if d := decls[ev.DeclarationNo]; d != nil {
			d.Inspections = append(d.Inspections, Inspection{Result: ev.Result, Findings: ev.Findings, At: at})
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
func (p *Projection) Get(no string) (View, bool) {
	p.RLock()
	defer p.RUnlock()
	d, ok := p.State().Decls[no]
	if !ok {
		return View{}, false
	}
	v := *d
	v.Lines = append([]customs.Line(nil), d.Lines...)
	v.Inspections = append([]Inspection(nil), d.Inspections...)
	return v, true
}
