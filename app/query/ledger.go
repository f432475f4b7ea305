package query

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain"
)

// LedgerTree is the Merkle tree over the log (leaf N-1 is the event at
// position N). *merkle.Projection implements it.
type LedgerTree interface {
	Size() uint64
	InclusionProof(index, size uint64) ([][]byte, error)
	ConsistencyProof(from, to uint64) ([][]byte, error)
}

// LedgerHeads is the latest signed checkpoint and the key that verifies
// it. *notary.Notary implements it; plain values keep this package free of
// the notary's types.
type LedgerHeads interface {
	LatestCheckpoint() (note []byte, size uint64, root [32]byte, ok bool)
	VerifierKey() string
}

// UnavailableError is an answer the ledger will have but has not yet: no
// checkpoint is signed, or the tree is catching up to a size already
// signed, or a store outside the process that a read model answers from
// (the ClickHouse read side) did not answer. Field names the parameter at
// issue, if any; Message is what the client is told, so it names no data;
// Err is the cause, for the logs.
type UnavailableError struct {
	Field   string
	Message string
	Err     error
}

func (e *UnavailableError) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap is the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// errNoCheckpoint is the answer before the first checkpoint is signed (a
// second after the first event).
var errNoCheckpoint = &UnavailableError{Message: "no checkpoint has been signed yet: the first is signed within a second of the first event"}

// Ledger answers the verifiable log: the signed head, inclusion and
// consistency proofs. Anyone may read it: a proof holds only hashes, and a
// regulator or a consumer must be able to check the ledger with nothing
// but its verifier key.
type Ledger struct {
	consistency
	tree  LedgerTree
	heads LedgerHeads
}

// NewLedger answers from tree and heads once progress (the tree's) has
// reached the client's position.
func NewLedger(tree LedgerTree, heads LedgerHeads, progress Progress) *Ledger {
	return &Ledger{consistency: consistency{progress}, tree: tree, heads: heads}
}

// Checkpoint is the latest signed checkpoint: its signed note, the tree
// size and root it commits to, and the key that verifies it.
type Checkpoint struct {
	Note        []byte
	Size        uint64
	Root        [32]byte
	VerifierKey string
}

// Head is the latest signed checkpoint.
func (q *Ledger) Head(ctx context.Context, rd Read) (Checkpoint, error) {
	if err := q.await(ctx, rd); err != nil {
		return Checkpoint{}, err
	}
	note, size, root, ok := q.heads.LatestCheckpoint()
	if !ok {
		return Checkpoint{}, errNoCheckpoint
	}
	return Checkpoint{Note: note, Size: size, Root: root, VerifierKey: q.heads.VerifierKey()}, nil
}

// Tree is the tree as a proof may be asked of it: size leaves (0: the
// latest checkpoint's size). A size the tree has not reached is
// unavailable while the tree catches up to a size already signed, and not
// found past what the log holds; field names the size's parameter.
func (q *Ledger) Tree(ctx context.Context, rd Read, size uint64, field string) (Tree, error) {
	if err := q.await(ctx, rd); err != nil {
		return Tree{}, err
	}
	_, signed, _, ok := q.heads.LatestCheckpoint()
	if size == 0 {
		if !ok {
			return Tree{}, errNoCheckpoint
		}
		size = signed
	}
	switch have := q.tree.Size(); {
	case size <= have:
		return Tree{tree: q.tree, Size: size}, nil
	case ok && size <= signed:
		return Tree{}, &UnavailableError{Field: field,
			Message: fmt.Sprintf("the tree is catching up after a restart: %d of %d leaves", have, size)}
	default:
		return Tree{}, domain.NotFound(field, "tree_has_leaves_not", "the tree has %d leaves, not %d", have, size)
	}
}

// Tree is the Merkle tree of the log cut at Size leaves.
type Tree struct {
	tree LedgerTree
	Size uint64
}

// Inclusion is the audit path of the event at position pos (leaf pos-1) in
// the tree of Size leaves; a position outside the tree is invalid.
func (t Tree) Inclusion(pos uint64) ([][]byte, error) {
	if pos < 1 || pos > t.Size {
		return nil, domain.Invalid("position", "must_log_position_from_1", "must be a log position from 1 to the tree size %d", t.Size)
	}
	hashes, err := t.tree.InclusionProof(pos-1, t.Size)
	if err != nil {
		return nil, fmt.Errorf("inclusion proof of %d at %d: %w", pos, t.Size, err)
	}
	return hashes, nil
}

// ConsistencyFrom is the proof that the tree of from leaves is a prefix of
// this one; from past Size is invalid.
func (t Tree) ConsistencyFrom(from uint64) ([][]byte, error) {
	if from > t.Size {
		return nil, domain.Invalid("from", "must_tree_size_from_0", "must be a tree size from 0 to %d", t.Size)
	}
	hashes, err := t.tree.ConsistencyProof(from, t.Size)
	if err != nil {
		return nil, fmt.Errorf("consistency proof %d -> %d: %w", from, t.Size, err)
	}
	return hashes, nil
}
