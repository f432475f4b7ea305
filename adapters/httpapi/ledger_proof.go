package httpapi

import (
	"encoding/hex"
	"fmt"
)

// inclusionJSON is an event's inclusion proof: the RFC 9162 audit path of
// leaf leaf_index (position - 1) in the tree of tree_size leaves, whose
// leaf data is the event's hash. It answers GET /api/v1/ledger/proof and
// rides on every event of a history.
type inclusionJSON struct {
	Position  uint64   `json:"position"`
	LeafIndex uint64   `json:"leaf_index"`
	TreeSize  uint64   `json:"tree_size"`
	Hashes    []string `json:"hashes"`
}

// inclusion builds the proof of the event at pos in the tree of size leaves.
func inclusion(tree LedgerTree, pos, size uint64) (*inclusionJSON, error) {
	hashes, err := tree.InclusionProof(pos-1, size)
	if err != nil {
		return nil, fmt.Errorf("inclusion proof of %d at %d: %w", pos, size, err)
	}
	return &inclusionJSON{Position: pos, LeafIndex: pos - 1, TreeSize: size, Hashes: hexHashes(hashes)}, nil
}

func hexHashes(hs [][]byte) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = hex.EncodeToString(h)
	}
	return out
}

// historyEventJSON is an event of a history: the record as the global log
// answers it and, on a server built WithLedgerProofs, its inclusion proof
// against the latest checkpoint.
type historyEventJSON struct {
	eventJSON
	// ActorName is the acting enterprise's registered name, so a reader sees
	// who acted, not only a code. It is not part of the hashed record.
	ActorName string         `json:"actor_name,omitempty"`
	Proof     *inclusionJSON `json:"proof,omitempty"`
}

// ledgerProofs attaches inclusion proofs to a history's events.
type ledgerProofs struct {
	tree  LedgerTree
	heads LedgerHeads
}

// attach gives each event the latest checkpoint covers its proof against
// that checkpoint, and returns the checkpoint's signed note. Events after
// it have none until the next checkpoint (within a second); while the tree
// catches up after a restart, no event has one.
func (lp *ledgerProofs) attach(events []historyEventJSON) (string, error) {
	note, size, _, ok := lp.heads.LatestCheckpoint()
	if !ok {
		return "", nil
	}
	if lp.tree.Size() < size {
		return string(note), nil
	}
	for i := range events {
		if events[i].Position > size {
			continue
		}
		p, err := inclusion(lp.tree, events[i].Position, size)
		if err != nil {
			return "", err
		}
		events[i].Proof = p
	}
	return string(note), nil
}
