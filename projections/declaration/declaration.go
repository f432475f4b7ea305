// Package declaration is the customs declarations read model: each
// declaration (报关单) by its number, with its lines, inspections and the
// release or rejection, so an auditor can start from the number on the
// paperwork.
package declaration

import (
	"encoding/json"
	"io"
	"sync"
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
	mu    sync.RWMutex
	Decls map[string]*View `json:"declarations"`
}

var _ runner.Projection = (*Projection)(nil)

// New returns an empty model.
func New() *Projection { return &Projection{Decls: map[string]*View{}} }

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "declaration" }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Decls = map[string]*View{}
}

// Apply folds the customs events.
func (p *Projection) Apply(batch []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, env := range batch {
		at := env.Metadata.OccurredAt.UTC()
		switch ev := env.Event.(type) {
		case customs.Declared:
			p.Decls[ev.DeclarationNo] = &View{DeclarationNo: ev.DeclarationNo, Port: ev.Port, ImporterUSCC: ev.ImporterUSCC,
				DeclaredAt: at, Position: env.Position, Lines: ev.Lines, Inspections: []Inspection{}}
		case customs.Inspected:
			if d := p.Decls[ev.DeclarationNo]; d != nil {
				d.Inspections = append(d.Inspections, Inspection{Result: ev.Result, Findings: ev.Findings, At: at})
			}
		case customs.Released:
			if d := p.Decls[ev.DeclarationNo]; d != nil {
				d.Decision, d.DecidedAt, d.Reason = "released", &at, ev.Reason
			}
		case customs.Rejected:
			if d := p.Decls[ev.DeclarationNo]; d != nil {
				d.Decision, d.DecidedAt, d.Reason = "rejected", &at, ev.Reason
			}
		}
	}
	return nil
}

// Get answers a declaration by number (a copy the caller may keep).
func (p *Projection) Get(no string) (View, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	d, ok := p.Decls[no]
	if !ok {
		return View{}, false
	}
	v := *d
	v.Lines = append([]customs.Line(nil), d.Lines...)
	v.Inspections = append([]Inspection(nil), d.Inspections...)
	return v, true
}

// Snapshot writes the model as JSON (map keys sorted: deterministic).
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return json.NewEncoder(w).Encode(p)
}

// Restore reads a snapshot.
func (p *Projection) Restore(r io.Reader) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Decls = map[string]*View{}
	return json.NewDecoder(r).Decode(p)
}
