// Package epcisview is the read model of the EPCIS query interface: every
// ledger event that is a physical or business event, rendered as a GS1
// EPCIS 2.0 event (render*.go), indexed by event type, bizStep,
// disposition, identifier, location, read point and event id, in log
// order. Rendering happens in the fold, once, with what earlier events
// tell (a shipment's sender for a receipt's source, a batch's expiry for
// its labels, a recall's initiator for returns), so a query is an index
// look-up and a filter, never a replay.
//
// The event hash id (CBV 2.0) of each rendered event is computed by a
// Hasher the wiring passes in (the EPCIS adapter's): the algorithm is a
// wire-format matter, not a fold's.
package epcisview

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// Hasher computes the CBV 2.0 event hash id of a rendered event.
type Hasher func(ev *query.EPCISEvent) (string, error)

// Projection is the EPCIS read model. It is safe for concurrent queries
// while the runner applies events.
type Projection struct {
	mu   sync.RWMutex
	s    *state
	ix   *index
	hash Hasher
}

var (
	_ runner.Projection = (*Projection)(nil)
	_ query.EPCISModel  = (*Projection)(nil)
)

// New returns an empty model whose events get their ids from hash.
func New(hash Hasher) *Projection {
	return &Projection{s: newState(), ix: newIndex(), hash: hash}
}

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "epcis" }

// state is what the snapshot holds: the rendered events in log order and
// the context later renderings need.
type state struct {
	Events       []query.EPCISEvent         `json:"events"`
	Batches      map[string]batchInfo       `json:"batches"`
	Shipments    map[string]shipmentInfo    `json:"shipments"`
	Declarations map[string]declarationInfo `json:"declarations"`
	Recalls      map[string]string          `json:"recalls"`
	GLNs         map[string]string          `json:"glns"`
	// Skip are ledger events a captured EPCIS event produced, answered as
	// that captured event rather than again.
	Skip map[string]bool `json:"skip"`
	// Queries are the named queries by owner and name.
	Queries map[string]map[string]string `json:"queries"`
}

type batchInfo struct {
	Owner     string `json:"owner"`
	ExpiresOn string `json:"expires_on,omitempty"`
}

type shipmentInfo struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type declarationInfo struct {
	Importer string         `json:"importer"`
	Port     string         `json:"port"`
	Lines    []declaredLine `json:"lines"`
}

type declaredLine struct {
	GTIN     string `json:"gtin"`
	Lot      string `json:"lot"`
	Quantity int64  `json:"quantity"`
}

func newState() *state {
	return &state{Batches: map[string]batchInfo{}, Shipments: map[string]shipmentInfo{},
		Declarations: map[string]declarationInfo{}, Recalls: map[string]string{}, GLNs: map[string]string{},
		Skip: map[string]bool{}, Queries: map[string]map[string]string{}}
}

// renderCtx is what a renderer reads and folds into.
type renderCtx struct{ s *state }

// Apply renders and indexes a batch of envelopes in log order.
func (p *Projection) Apply(batch []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := &renderCtx{s: p.s}
	first := len(p.s.Events)
	for i := range batch {
		env := &batch[i]
		if p.s.Skip[env.ID.String()] {
			delete(p.s.Skip, env.ID.String())
			continue
		}
		r, ok := renderers[env.Type]
		if !ok || (env.Event == nil && !byData[env.Type]) {
			continue
		}
		for _, ev := range r(c, env) {
			if ev.Original == nil {
				ext(&ev, "ledgerEventID", ev.LedgerEventID)
				ext(&ev, "position", ev.Position)
			}
			p.s.Events = append(p.s.Events, ev)
		}
	}
	p.hashAll(p.s.Events[first:])
	for i := first; i < len(p.s.Events); i++ {
		p.ix.add(&p.s.Events[i], i)
	}
	return nil
}

// hashAll gives each rendered event without an id its hash id, on every
// core: hashing is most of a fold's cost, and each event's id depends on
// that event alone, so the result is the same in any order.
func (p *Projection) hashAll(evs []query.EPCISEvent) {
	workers := min(runtime.GOMAXPROCS(0), (len(evs)+63)/64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(evs); i += workers {
				if evs[i].EventID == "" {
					evs[i].EventID = p.eventID(&evs[i])
				}
			}
		})
	}
	wg.Wait()
}

// byData are the types rendered from their stored JSON alone, whether or
// not this build's catalogue decodes them.
var byData = map[string]bool{
	TypeEPCISEventCaptured: true, TypeContainerPacked: true, TypeContainerUnpacked: true,
	TypeTransformationRecorded: true, TypeLocationRegistered: true,
}

// eventID is the event's hash id; should the hash fail, the ledger
// event's own UUID as a URN keeps the id unique.
func (p *Projection) eventID(ev *query.EPCISEvent) string {
	if p.hash != nil {
		if id, err := p.hash(ev); err == nil {
			return id
		}
	}
	return "urn:uuid:" + ev.LedgerEventID
}

// Snapshot writes the state as one JSON document.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return runner.WriteJSON(w, p.s)
}

// Restore reads a snapshot and rebuilds the indexes it leaves out.
func (p *Projection) Restore(r io.Reader) error {
	s := newState()
	if err := json.NewDecoder(r).Decode(s); err != nil {
		return fmt.Errorf("restore epcis: %w", err)
	}
	ix := newIndex()
	for i := range s.Events {
		ix.add(&s.Events[i], i)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s, p.ix = s, ix
	return nil
}

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s, p.ix = newState(), newIndex()
}

// Len is how many events the model holds (the benchmark's baseline scan).
func (p *Projection) Len() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return len(p.s.Events)
}

// NamedEPCISQueries are an owner's named queries, by name.
func (p *Projection) NamedEPCISQueries(owner string) []query.NamedEPCISQuery {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := make([]query.NamedEPCISQuery, 0, len(p.s.Queries[owner]))
	for name, q := range p.s.Queries[owner] {
		out = append(out, query.NamedEPCISQuery{Name: name, Query: q})
	}
	slices.SortFunc(out, func(a, b query.NamedEPCISQuery) int { return strings.Compare(a.Name, b.Name) })
	return out
}
