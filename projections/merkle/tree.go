package merkle

import (
	"errors"
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
)

// ErrBeyondTree means a proof or root was asked of a tree size this tree
// has not reached yet.
var ErrBeyondTree = errors.New("tree size beyond the tree")

var factory = &compact.RangeFactory{Hash: hashChildren}

// tree is the Merkle tree without locking: the compact range [0, size)
// that yields the root, and every perfect subtree's node for proofs.
type tree struct {
	cr    *compact.Range
	nodes nodes
}

func newTree(dir string) *tree {
	return &tree{cr: factory.NewEmptyRange(0), nodes: nodes{dir: dir}}
}

func (t *tree) size() uint64 { return t.cr.End() }

// append adds the leaf of an event's hash.
func (t *tree) append(eventHash [32]byte) error {
	leaf := LeafHash(eventHash)
	if err := t.cr.Append(leaf[:], t.nodes.visit); err != nil {
		return fmt.Errorf("merkle: append leaf %d: %w", t.size(), err)
	}
	return t.nodes.err
}

// root is the root hash of the whole tree.
func (t *tree) root() [32]byte {
	if t.size() == 0 {
		return EmptyRoot()
	}
	h, _ := t.cr.GetRootHash(nil)
	return [32]byte(h)
}

// rootAt is the root of the tree's first size leaves, from the stored
// perfect subtrees that cover them.
func (t *tree) rootAt(size uint64) ([32]byte, error) {
	if size > t.size() {
		return [32]byte{}, fmt.Errorf("root at %d of %d leaves: %w", size, t.size(), ErrBeyondTree)
	}
	if size == 0 {
		return EmptyRoot(), nil
	}
	hashes, err := t.fetch(compact.RangeNodes(0, size, nil))
	if err != nil {
		return [32]byte{}, err
	}
	cr, err := factory.NewRange(0, size, hashes)
	if err != nil {
		return [32]byte{}, fmt.Errorf("merkle: %w", err)
	}
	h, err := cr.GetRootHash(nil)
	if err != nil {
		return [32]byte{}, fmt.Errorf("merkle: %w", err)
	}
	return [32]byte(h), nil
}

// inclusion is the RFC 9162 inclusion proof of leaf index in the tree of
// the first size leaves.
func (t *tree) inclusion(index, size uint64) ([][]byte, error) {
	if size > t.size() {
		return nil, fmt.Errorf("inclusion proof at %d of %d leaves: %w", size, t.size(), ErrBeyondTree)
	}
	ns, err := proof.Inclusion(index, size)
	if err != nil {
		return nil, fmt.Errorf("merkle: %w", err)
	}
	return t.build(ns)
}

// consistency is the RFC 9162 consistency proof from the tree of from
// leaves to the tree of to leaves.
func (t *tree) consistency(from, to uint64) ([][]byte, error) {
	if to > t.size() {
		return nil, fmt.Errorf("consistency proof to %d of %d leaves: %w", to, t.size(), ErrBeyondTree)
	}
	ns, err := proof.Consistency(from, to)
	if err != nil {
		return nil, fmt.Errorf("merkle: %w", err)
	}
	return t.build(ns)
}

// build reads a proof's nodes and hashes its ephemeral node, if any.
func (t *tree) build(ns proof.Nodes) ([][]byte, error) {
	hashes, err := t.fetch(ns.IDs)
	if err != nil {
		return nil, err
	}
	out, err := ns.Rehash(hashes, hashChildren)
	if err != nil {
		return nil, fmt.Errorf("merkle: %w", err)
	}
	return out, nil
}

func (t *tree) fetch(ids []compact.NodeID) ([][]byte, error) {
	hashes := make([][]byte, len(ids))
	for i, id := range ids {
		h, err := t.nodes.get(id)
		if err != nil {
			return nil, err
		}
		hashes[i] = h
	}
	return hashes, nil
}
