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
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// Hasher computes the CBV 2.0 event hash id of a rendered event.
type Hasher func(ev *query.EPCISEvent) (string, error)

// Projection is the EPCIS read model. Its events, indexes and rendering
// context live in the on-disk model store (layout.go); memory holds only
// what is small and read by nearly every event: the enterprises' GLNs, the
// named queries and the captured events' domain events still to skip. It
// is safe for concurrent queries while the runner applies events: Apply
// holds the write lock until its batch is committed, so a query sees a
// batch boundary.
type Projection struct {
	mu    sync.RWMutex
	m     *modelstore.Model
	hash  Hasher
	small small
	// err is a failed Reset's: the next Apply fails with it.
	err error
}

var (
	_ runner.Durable   = (*Projection)(nil)
	_ query.EPCISModel = (*Projection)(nil)
)

// small is the state kept in memory (and on disk, from which it is read
// back when the model opens).
type small struct {
	glns    map[string]string
	skip    map[string]bool
	queries map[string]map[string]string
	// count is how many events are stored.
	count uint64
}

// New returns the model kept in m, whose events get their ids from hash.
func New(m *modelstore.Model, hash Hasher) (*Projection, error) {
	// The rendered events are written in log order and never rewritten:
	// the model store keeps them as rows, apart from the indexes.
	m = m.WithRows('e')
	if _, err := m.Layout(layoutVersion); err != nil {
		return nil, fmt.Errorf("epcis model layout: %w", err)
	}
	p := &Projection{m: m, hash: hash}
	if err := p.load(); err != nil {
		return nil, err
	}
	return p, nil
}

// load reads the in-memory state back from the store.
func (p *Projection) load() error {
	s := small{glns: map[string]string{}, skip: map[string]bool{}, queries: map[string]map[string]string{}}
	var bad error
	// Only the small kinds of context are read: batches and shipments stay
	// on disk.
	for _, what := range []string{ctxGLN, ctxSkip, ctxQuery} {
		prefix := contextKey(what, "")
		err := p.m.Scan(prefix, nil, false, func(k, v []byte) bool {
			key := string(k[len(prefix):])
			switch what {
			case ctxGLN:
				s.glns[key] = string(v)
			case ctxSkip:
				s.skip[key] = true
			case ctxQuery:
				if owner, name, ok := strings.Cut(key, "\x00"); ok {
					if s.queries[owner] == nil {
						s.queries[owner] = map[string]string{}
					}
					s.queries[owner][name] = string(v)
				}
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("load the epcis model: %w", err)
		}
	}
	v, ok, err := p.m.Get(countKey)
	if err != nil {
		return fmt.Errorf("load the epcis model: %w", err)
	}
	if ok {
		n, k := binary.Uvarint(v)
		if k <= 0 {
			bad = fmt.Errorf("load the epcis model: bad event count")
		}
		s.count = n
	}
	p.small = s
	return bad
}

// Name names the model's key range, its runner and the metrics label.
func (p *Projection) Name() string { return "epcis" }

type batchInfo struct {
	Owner     string
	ExpiresOn string
}

type shipmentInfo struct {
	From string
	To   string
}

type declarationInfo struct {
	Importer string
	Port     string
	Lines    []declaredLine
}

type declaredLine struct {
	GTIN     string
	Lot      string
	Quantity int64
}

// Apply renders and indexes a batch of envelopes in log order, in one
// batch of the store committed with the batch's last position.
func (p *Projection) Apply(batch []runner.Envelope) error {
	if len(batch) == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	b := p.m.BeginBlind()
	c := newRenderCtx(p, b)
	err := p.apply(c, batch)
	if err == nil {
		err = b.Commit(batch[len(batch)-1].Position)
	} else {
		b.Discard()
	}
	if err != nil {
		// What memory holds may be ahead of the store: read it back.
		return errors.Join(fmt.Errorf("epcis model: %w", err), p.load())
	}
	return nil
}

func (p *Projection) apply(c *renderCtx, batch []runner.Envelope) error {
	type rendered struct {
		ev   query.EPCISEvent
		row  []byte
		hash bool
	}
	var out []rendered
	for i := range batch {
		env := &batch[i]
		if id := env.ID.String(); p.small.skip[id] {
			delete(p.small.skip, id)
			c.del(contextKey(ctxSkip, id))
			continue
		}
		r, ok := renderers[env.Type]
		if !ok || (env.Event == nil && !byData[env.Type]) {
			continue
		}
		for rank, ev := range r(c, env) {
			if ev.Original == nil {
				ext(&ev, "ledgerEventID", ev.LedgerEventID)
				ext(&ev, "position", ev.Position)
			}
			out = append(out, rendered{ev: ev, row: row(env.Position, rank)})
		}
	}
	if c.err != nil {
		return c.err
	}
	evs := make([]*query.EPCISEvent, len(out))
	for i := range out {
		evs[i] = &out[i].ev
	}
	// Events are written in log order as their ids are computed, so
	// writing overlaps hashing.
	w := newIndexWriter(c)
	p.hashAll(evs, func(from, to int) {
		for i := from; i < to; i++ {
			w.add(&out[i].ev, out[i].row)
		}
	})
	w.flush()
	if w.n > 0 {
		p.small.count += uint64(w.n)
		c.set(countKey, binary.AppendUvarint(nil, p.small.count))
	}
	return c.err
}

// hashAll gives each rendered event without an id its hash id, on every
// core, and calls done with each run of events that have their ids, in
// order: hashing is most of a fold's cost, and each event's id depends on
// that event alone, so the ids are the same in any order, and the caller
// writes the first events while the next are hashed.
func (p *Projection) hashAll(evs []*query.EPCISEvent, done func(from, to int)) {
	const chunk = 32
	chunks := (len(evs) + chunk - 1) / chunk
	hashed := make([]chan struct{}, chunks)
	for i := range hashed {
		hashed[i] = make(chan struct{})
	}
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= chunks {
					return
				}
				for _, ev := range evs[k*chunk : min((k+1)*chunk, len(evs))] {
					if ev.EventID == "" {
						ev.EventID = p.eventID(ev)
					}
				}
				close(hashed[k])
			}
		})
	}
	for k := range chunks {
		<-hashed[k]
		done(k*chunk, min((k+1)*chunk, len(evs)))
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

// Position is the log position the stored model covers.
func (p *Projection) Position() (uint64, error) { return p.m.Position() }

// Persist does nothing: every Apply commits its batch, and the store is
// synced when it closes; a batch lost to a crash is applied again from
// the position the store kept.
func (p *Projection) Persist() error { return nil }

// Snapshot writes every key of the model, each posting as its entries: the
// same state writes the same bytes, whatever the batches that built it.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.dump(w)
}

// Restore is never called on a model kept on disk.
func (p *Projection) Restore(io.Reader) error {
	return errors.New("the epcis model lives on disk: it is not restored from a snapshot")
}

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.err = p.m.Reset()
	if p.err == nil {
		p.err = p.load()
	}
}

// Len is how many events the model holds (the benchmark's baseline scan).
func (p *Projection) Len() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return int(p.small.count)
}

// NamedEPCISQueries are an owner's named queries, by name.
func (p *Projection) NamedEPCISQueries(owner string) []query.NamedEPCISQuery {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := make([]query.NamedEPCISQuery, 0, len(p.small.queries[owner]))
	for name, q := range p.small.queries[owner] {
		out = append(out, query.NamedEPCISQuery{Name: name, Query: q})
	}
	slices.SortFunc(out, func(a, b query.NamedEPCISQuery) int { return strings.Compare(a.Name, b.Name) })
	return out
}
