package query

import "context"

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

// At is the tree and the signed heads once the tree has reached the
// client's position.
func (q *Ledger) At(ctx context.Context, rd Read) (LedgerTree, LedgerHeads, error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, nil, err
	}
	return q.tree, q.heads, nil
}
