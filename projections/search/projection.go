package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/traceledger/traceledger/projections/runner"
)

// Keys of the index's internal store (bleve's key-value side table):
// the position and the schema, two small values.
var (
	keyPosition = []byte("traceledger.position")
	keySchema   = []byte("traceledger.schema")
)

// storedState is the folded state of the document with bleve id key, nil
// when the index has no such document.
func storedState(r index.IndexReader, key string) ([]byte, error) {
	d, err := r.Document(key)
	if err != nil || d == nil {
		return nil, err
	}
	var raw []byte
	d.VisitFields(func(f index.Field) {
		if f.Name() == "state" {
			raw = f.Value()
		}
	})
	return raw, nil
}

// Projection is the search read model. Build it with New; it answers
// Search and Suggest concurrently with Apply.
type Projection struct {
	dir string
	// applying serialises Apply, Snapshot, Restore and Reset; mu guards
	// the index handle (swapped by a reset) against queries.
	applying sync.Mutex
	mu       sync.RWMutex
	idx      bleve.Index
	// position is the last position applied; indexed is the position the
	// index itself records (≥ position after a restart: re-applied events
	// upsert what the index already holds).
	position uint64
	indexed  uint64
	// resetPending: Reset was called and no Restore followed yet. The
	// runner resets a model before restoring it, so the index is emptied
	// only when an Apply or Snapshot shows a rebuild from position 1.
	resetPending bool
	// cache holds folded documents as the index last committed them, so
	// that a record changed by many batches (a product gains a holder with
	// every shipment) is not read back from the index each time. It is a
	// cache only, dropped when a batch fails and filled again from the
	// index. It keeps two generations: when the current one grows past
	// half of maxCached it becomes the older one and the previous older one
	// is let go, so the documents in use stay and memory stays bounded.
	cache, older map[string]*doc
	// maxCached is the cache's bound (defaultMaxCached; tests set less).
	maxCached int
	// writes counts the documents written to the index since it opened.
	writes atomic.Uint64
}

// defaultMaxCached bounds the folded documents kept in memory between batches:
// about 1.6 KB each (a heap profile of a rebuild at 1 M events), so some
// 64 MB. Ten million events make about 150,000 documents, which all stayed
// in memory under the earlier bound of 200,000 and kept the collector busy.
const defaultMaxCached = 40_000

var (
	_ runner.Projection = (*Projection)(nil)
	_ runner.Batched    = (*Projection)(nil)
)

// New opens (creating) the index kept in dir; with dir empty the index is
// kept in memory, for tools that fold the log once and for tests. An index
// of another schema is emptied. Close it when done.
func New(dir string) (*Projection, error) {
	p := &Projection{dir: dir, maxCached: defaultMaxCached}
	idx, err := p.open()
	if err != nil {
		return nil, err
	}
	p.idx = idx
	p.indexed, err = storedPosition(idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return p, nil
}

// open opens the index in p.dir, creating it (or recreating one of
// another schema).
func (p *Projection) open() (bleve.Index, error) {
	if p.dir == "" {
		return p.create()
	}
	idx, err := bleve.Open(p.dir)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return p.create()
	}
	if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", p.dir, err)
	}
	v, err := idx.GetInternal(keySchema)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open search index %s: %w", p.dir, err)
	}
	if len(v) == 8 && binary.BigEndian.Uint64(v) == schema {
		return idx, nil
	}
	idx.Close()
	if err := os.RemoveAll(p.dir); err != nil {
		return nil, fmt.Errorf("remove search index of another schema: %w", err)
	}
	return p.create()
}

// create makes an empty index of this schema. On disk it is built beside
// p.dir and renamed into place once its mapping and schema are written, so
// a crash while creating leaves no half-made index for the next start to
// trip over (only a leftover beside it, removed by the next create).
func (p *Projection) create() (bleve.Index, error) {
	if p.dir == "" {
		idx, err := bleve.NewMemOnly(newMapping())
		if err != nil {
			return nil, fmt.Errorf("create search index in memory: %w", err)
		}
		if err := idx.SetInternal(keySchema, binary.BigEndian.AppendUint64(nil, schema)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("create search index in memory: %w", err)
		}
		return idx, nil
	}
	tmp := p.dir + ".creating"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("create search index %q: %w", p.dir, err)
	}
	idx, err := bleve.New(tmp, newMapping())
	if err != nil {
		return nil, fmt.Errorf("create search index %q: %w", p.dir, err)
	}
	err = idx.SetInternal(keySchema, binary.BigEndian.AppendUint64(nil, schema))
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p.dir)
	}
	if err != nil {
		return nil, fmt.Errorf("create search index %q: %w", p.dir, err)
	}
	idx, err = bleve.Open(p.dir)
	if err != nil {
		return nil, fmt.Errorf("open new search index %q: %w", p.dir, err)
	}
	return idx, nil
}

func storedPosition(idx bleve.Index) (uint64, error) {
	v, err := idx.GetInternal(keyPosition)
	if err != nil {
		return 0, fmt.Errorf("read search index position: %w", err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(v), nil
}

// Name names the snapshot file and the metrics label.
func (p *Projection) Name() string { return "search" }

// Version is the snapshot's layout, which follows the index schema.
func (p *Projection) Version() int { return schema }

// Close closes the index.
func (p *Projection) Close() error {
	p.applying.Lock()
	defer p.applying.Unlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.idx == nil {
		return nil
	}
	err := p.idx.Close()
	p.idx = nil
	return err
}

// Position is the last log position the model has applied.
func (p *Projection) Position() uint64 {
	p.applying.Lock()
	defer p.applying.Unlock()
	return p.position
}

// Reset empties the model for a rebuild from position 1. The index on disk
// is emptied by the next Apply or Snapshot, unless a Restore comes first:
// the runner resets every model before restoring its snapshot.
func (p *Projection) Reset() {
	p.applying.Lock()
	defer p.applying.Unlock()
	p.resetPending = true
	p.position = 0
}

// empty replaces the index with an empty one. The caller holds applying.
func (p *Projection) empty() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cache, p.older = nil, nil
	if p.idx != nil {
		if err := p.idx.Close(); err != nil {
			return fmt.Errorf("close search index: %w", err)
		}
		p.idx = nil
	}
	if p.dir != "" {
		if err := os.RemoveAll(p.dir); err != nil {
			return fmt.Errorf("empty search index: %w", err)
		}
	}
	idx, err := p.create()
	if err != nil {
		return err
	}
	p.idx, p.indexed, p.position, p.resetPending = idx, 0, 0, false
	return nil
}

// Apply folds the envelopes into the documents they touch and writes them
// (each with its folded state in a stored field) and the last envelope's
// position in one bleve batch: the index commits the position with the
// data it covers. The state is a stored field rather than a key of bleve's
// internal store because scorch rewrites the whole internal store with
// every persisted snapshot: state kept there made the build quadratic.
func (p *Projection) Apply(batch []runner.Envelope) error {
	if len(batch) == 0 {
		return nil
	}
	p.applying.Lock()
	defer p.applying.Unlock()
	if p.resetPending {
		if err := p.empty(); err != nil {
			return err
		}
	}
	p.mu.RLock()
	idx := p.idx
	p.mu.RUnlock()
	if idx == nil {
		return errors.New("search: the index is closed")
	}
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer r.Close()
	switch {
	case p.cache == nil:
		p.cache, p.older = map[string]*doc{}, nil
	case len(p.cache) > p.maxCached/2:
		p.cache, p.older = map[string]*doc{}, p.cache
	}
	f := newFold(p.cache, p.older, func(key string) ([]byte, error) { return storedState(r, key) })
	err = p.write(idx, f, batch)
	if err != nil {
		p.cache, p.older = nil, nil
	}
	return err
}

// write folds the batch and writes the documents whose state it changed,
// with the position, as one bleve batch.
func (p *Projection) write(idx bleve.Index, f *fold, batch []runner.Envelope) error {
	for _, env := range batch {
		if err := f.apply(env); err != nil {
			return fmt.Errorf("search: position %d: %w", env.Position, err)
		}
	}
	last := batch[len(batch)-1].Position
	b := idx.NewBatch()
	for _, k := range f.touched {
		d := f.docs[k]
		raw, err := jsonMarshal(d)
		if err != nil {
			return err
		}
		if !d.wrote(raw) {
			continue
		}
		p.writes.Add(1)
		x := d.render()
		x.State = string(raw)
		if err := b.Index(k, x); err != nil {
			return fmt.Errorf("search: index %s: %w", k, err)
		}
	}
	indexed := max(p.indexed, last)
	b.SetInternal(keyPosition, binary.BigEndian.AppendUint64(nil, indexed))
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("search: write batch up to %d: %w", last, err)
	}
	p.position, p.indexed = last, indexed
	return nil
}

// catchUpBatch is the batch the index asks for when the log has that many
// events waiting. A batch writes each document it touched once: at 1 M
// events, batches of 32,768 instead of 4,096 took the rebuild from 38 to 22
// CPU-seconds (fewer documents written, fewer segments merged), but held
// about 360 MB more at their peak, which took serve past 2 GB while it
// caught up at 10 M events (2,301 MB; 1,641 with 8,192, for a catch-up
// about as long).
const catchUpBatch = 8_192

// BatchSize asks the runner for large batches (runner.Batched).
func (p *Projection) BatchSize() int { return catchUpBatch }

// DocumentsWritten is how many documents Apply wrote to the index since it
// opened: a batch writes only those whose state its events changed.
func (p *Projection) DocumentsWritten() uint64 { return p.writes.Load() }

// Count is how many documents the index holds.
func (p *Projection) Count() (uint64, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.idx == nil {
		return 0, errors.New("search: the index is closed")
	}
	n, err := p.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return n, nil
}
