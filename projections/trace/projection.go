package trace

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection is the trace read model. It implements runner.Durable: its
// state and position live in the model store; its queries take the read
// lock and may run beside Apply, which holds the write lock for a batch.
type Projection struct {
	mu sync.RWMutex
	m  *modelstore.Model
	// own is the store New opened for this model alone (nil when the
	// store is shared).
	own *modelstore.DB
	hs  holders
	// numbered is how many batches are numbered (the K row).
	numbered uint32
	// err is a failed Reset's: the next Apply fails with it.
	err error
}

// The queries read it through the ports app/query declares.
var (
	_ query.TraceModel = (*Projection)(nil)
	_ runner.Durable   = (*Projection)(nil)
)

// Name is the model's name: its key range, metrics label and runner name.
const Name = "trace"

// Open returns the trace model kept in db, at the position it reached.
func Open(db *modelstore.DB) (*Projection, error) {
	p := &Projection{m: db.Model(Name)}
	if _, err := p.m.Layout(layout); err != nil {
		return nil, fmt.Errorf("trace model: %w", err)
	}
	if err := p.loadHolders(); err != nil {
		return nil, err
	}
	if err := p.loadNumbered(); err != nil {
		return nil, err
	}
	return p, nil
}

// New returns an empty trace model in a store of its own, in memory: for
// one-off folds and tests. Close releases it.
func New() *Projection {
	db, err := modelstore.Open("", modelstore.Options{})
	if err != nil {
		panic(fmt.Sprintf("trace model in memory: %v", err)) // an in-memory store does not fail to open
	}
	p, err := Open(db)
	if err != nil {
		panic(fmt.Sprintf("trace model in memory: %v", err))
	}
	p.own = db
	return p
}

// Close closes the store New opened; a model opened on a shared store
// leaves it open.
func (p *Projection) Close() error {
	if p.own == nil {
		return nil
	}
	return p.own.Close()
}

// Name names the model.
func (p *Projection) Name() string { return Name }

// Position is the position of the log the stored state covers.
func (p *Projection) Position() (uint64, error) { return p.m.Position() }

// Persist does nothing: the store is synced when it closes, and batches
// lost to a crash are applied again from the log.
func (p *Projection) Persist() error { return nil }

// Reset empties the model for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hs = holders{}
	p.numbered = 0
	p.err = p.m.Reset()
}

// Apply folds a batch of envelopes in one write of the store, which also
// records the position the batch reaches.
func (p *Projection) Apply(batch []runner.Envelope) error {
	if len(batch) == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return fmt.Errorf("trace model after a failed reset: %w", p.err)
	}
	t := p.begin()
	for i := range batch {
		if batch[i].Event == nil {
			continue
		}
		if err := t.apply(&batch[i]); err != nil {
			t.discard()
			return fmt.Errorf("trace model at %d: %w", batch[i].Position, err)
		}
	}
	return t.commit(batch[len(batch)-1].Position)
}

// Snapshot writes every row of the model (modelstore's Dump): the same
// state always writes the same bytes, so a model can be compared with a
// full replay.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.m.Dump(w)
}

// Restore replaces the model's rows with a Snapshot's, at position 0 (the
// runner never restores a model on disk; a copy for a test may).
func (p *Projection) Restore(r io.Reader) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.m.Reset(); err != nil {
		return err
	}
	b := p.m.Begin()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " ")
		key, kerr := hex.DecodeString(k)
		val, verr := hex.DecodeString(v)
		if !ok || kerr != nil || verr != nil {
			b.Discard()
			return errors.New("trace restore: a line is not a key and a value in hex")
		}
		if err := b.Set(key, val); err != nil {
			b.Discard()
			return err
		}
	}
	if err := sc.Err(); err != nil {
		b.Discard()
		return fmt.Errorf("trace restore: %w", err)
	}
	if err := b.Commit(0); err != nil {
		return err
	}
	return errors.Join(p.loadHolders(), p.loadNumbered())
}

// holders numbers the enterprises that held units, in order of first
// appearance; the table is small (one entry per enterprise) and kept in
// memory, its rows (H) on disk.
type holders struct {
	list  []string
	index map[string]holder
}

func (h *holders) lookup(uscc string) (holder, bool) {
	id, ok := h.index[uscc]
	return id, ok
}

func (h *holders) uscc(id holder) string {
	if int(id) < len(h.list) {
		return h.list[id]
	}
	return ""
}

func (h *holders) add(uscc string) holder {
	if h.index == nil {
		h.index = map[string]holder{}
	}
	id := holder(len(h.list))
	h.list = append(h.list, uscc)
	h.index[uscc] = id
	return id
}

// truncate forgets the holders numbered n and after (a discarded batch's).
func (h *holders) truncate(n int) {
	for _, u := range h.list[n:] {
		delete(h.index, u)
	}
	h.list = h.list[:n]
}

func (p *Projection) loadHolders() error {
	p.hs = holders{}
	prefix := modelstore.Key(pHolder, "")
	var err error
	scanErr := p.m.Scan(prefix, nil, false, func(k, v []byte) bool {
		if len(k) != len(prefix)+holderKeySize || holder(modelstore.Uint64(append(make([]byte, 4), k[len(prefix):]...))) != holder(len(p.hs.list)) {
			err = corrupt("holder", k)
			return false
		}
		p.hs.add(string(v))
		return true
	})
	return errors.Join(scanErr, err)
}

// loadNumbered reads how many batches are numbered.
func (p *Projection) loadNumbered() error {
	n, err := modelstore.ReadCount(p.m, modelstore.Key(pNumbered))
	if err != nil {
		return fmt.Errorf("trace model: %w", err)
	}
	p.numbered = n
	return nil
}
