package merkle

import (
	"fmt"
	"sync"

	"github.com/traceledger/traceledger/projections/runner"
)

// spillBytes bounds the nodes a tree kept on disk holds in memory between
// snapshots. A rebuild of ten million events would otherwise hold all 640
// MB of them until it saves; past this bound Apply appends them to the level
// files at once. That is safe at any moment: the files may run ahead of the
// snapshot, never behind it.
var spillBytes = 64 << 20

// applyChunk is how many leaves Apply appends under one hold of the write
// lock. The runner hands over batches of thousands of events; holding the
// lock for a whole one (milliseconds) would stall every proof behind it,
// and any prefix of the log is a valid tree, so readers may see one.
const applyChunk = 256

// Projection is the Merkle tree as a read model. Build it with New; it
// answers roots and proofs for any tree size it has reached, concurrently
// with Apply.
type Projection struct {
	mu sync.RWMutex
	t  *tree
	// flushing serialises the writes of level files (Snapshot and the
	// spill in Apply) so that each commits exactly what it wrote.
	flushing sync.Mutex
}

// New returns an empty tree whose nodes are kept in dir (one file per
// level). With dir empty the tree is kept in memory only: for tools that
// fold the log once (verify, export) and for replay comparisons. Two
// Projections must not share a dir.
func New(dir string) *Projection {
	return &Projection{t: newTree(dir)}
}

// Name names the snapshot file.
func (p *Projection) Name() string { return "merkle" }

// Version is the snapshot layout's version.
func (p *Projection) Version() int { return 1 }

// Apply appends each event's hash as the next leaf. Leaf N-1 must be the
// event at position N: a gap in the positions is an error, since a proof
// for one position would then be a proof for another.
func (p *Projection) Apply(batch []runner.Envelope) error {
	for len(batch) > 0 {
		n := min(len(batch), applyChunk)
		if err := p.apply(batch[:n]); err != nil {
			return err
		}
		batch = batch[n:]
	}
	if p.t.nodes.dir == "" || !p.flushing.TryLock() {
		return nil
	}
	defer p.flushing.Unlock()
	p.mu.RLock()
	spill := p.t.nodes.pending() > spillBytes
	p.mu.RUnlock()
	if !spill {
		return nil
	}
	_, err := p.flush(false)
	return err
}

// flush puts every waiting node on disk, holding the tree's lock only to
// plan and to commit, never across the disk writes; with state it also
// returns the snapshot's bytes of the tree as planned. The caller holds
// p.flushing.
func (p *Projection) flush(state bool) ([]byte, error) {
	p.mu.Lock()
	plan, err := p.t.nodes.plan()
	var snap []byte
	if state {
		snap = p.state()
	}
	p.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if err := plan.write(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.t.nodes.commit(plan)
	p.mu.Unlock()
	return snap, nil
}

func (p *Projection) apply(chunk []runner.Envelope) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, env := range chunk {
		if want := p.t.size() + 1; env.Position != want {
			return fmt.Errorf("merkle: event at position %d, want %d: the log has a gap or this tree is behind", env.Position, want)
		}
		if err := p.t.append(env.Hash); err != nil {
			return err
		}
	}
	return nil
}

// Reset empties the tree for a rebuild.
func (p *Projection) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.t.cr = factory.NewEmptyRange(0)
	p.t.nodes.reset()
}

// Close closes the level files.
func (p *Projection) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.t.nodes.close()
}

// Head is the tree's size and root hash.
func (p *Projection) Head() (size uint64, root [32]byte) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.t.size(), p.t.root()
}

// Size is the number of leaves: the last position the tree covers.
func (p *Projection) Size() uint64 {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.t.size()
}

// RootAt is the root of the tree of the first size leaves, as a checkpoint
// of that size must sign it.
func (p *Projection) RootAt(size uint64) ([32]byte, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.t.rootAt(size)
}

// InclusionProof proves that leaf index (position index+1) is in the tree of
// size leaves; it is ErrBeyondTree when the tree is smaller than size.
func (p *Projection) InclusionProof(index, size uint64) ([][]byte, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.t.inclusion(index, size)
}

// ConsistencyProof proves that the tree of from leaves is a prefix of the
// tree of to leaves.
func (p *Projection) ConsistencyProof(from, to uint64) ([][]byte, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.t.consistency(from, to)
}
