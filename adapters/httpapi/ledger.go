package httpapi

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// LedgerTree is the Merkle tree over the log (leaf N-1 is the event at
// position N). *merkle.Projection implements it.
type LedgerTree = query.LedgerTree

// LedgerHeads is the latest signed checkpoint and the key that verifies
// it. *notary.Notary implements it.
type LedgerHeads = query.LedgerHeads

// headJSON answers GET /api/v1/ledger/head.
type headJSON struct {
	Checkpoint  string `json:"checkpoint"`
	VerifierKey string `json:"verifier_key"`
	TreeSize    uint64 `json:"tree_size"`
	RootHash    string `json:"root_hash"`
}

// consistencyJSON answers GET /api/v1/ledger/consistency.
type consistencyJSON struct {
	From   uint64   `json:"from"`
	To     uint64   `json:"to"`
	Hashes []string `json:"hashes"`
}

// RouteLedger serves the verifiable log: the signed head, inclusion proofs
// and consistency proofs. They are public: a proof holds only hashes, and
// a regulator or a consumer must be able to check the ledger with nothing
// but its verifier key.
func (s *Server) RouteLedger(q *query.Ledger) {
	lr := &ledgerRoutes{q: q}
	s.HandleFunc("GET /api/v1/ledger/head", lr.head, Public)
	s.HandleFunc("GET /api/v1/ledger/proof", lr.proof, Public)
	s.HandleFunc("GET /api/v1/ledger/consistency", lr.consistency, Public)
}

type ledgerRoutes struct{ q *query.Ledger }

// at is the tree and heads once the tree has reached the request's
// min_position.
func (lr *ledgerRoutes) at(w http.ResponseWriter, r *http.Request) (LedgerTree, LedgerHeads, error) {
	rd, err := readOf(r)
	if err != nil {
		return nil, nil, err
	}
	tree, heads, err := lr.q.At(r.Context(), rd.Read)
	return tree, heads, rd.answered(w, lr.q, err)
}

// errNoCheckpoint is the answer before the first checkpoint is signed (a
// second after the first event).
var errNoCheckpoint = &requestError{status: http.StatusServiceUnavailable, code: "unavailable",
	message: "no checkpoint has been signed yet: the first is signed within a second of the first event"}

// head answers the latest signed checkpoint.
func (lr *ledgerRoutes) head(w http.ResponseWriter, r *http.Request) error {
	_, heads, err := lr.at(w, r)
	if err != nil {
		return err
	}
	note, size, root, ok := heads.LatestCheckpoint()
	if !ok {
		return errNoCheckpoint
	}
	WriteJSON(w, http.StatusOK, headJSON{Checkpoint: string(note), VerifierKey: heads.VerifierKey(),
		TreeSize: size, RootHash: hex.EncodeToString(root[:])})
	return nil
}

// proof answers ?position=N&tree_size=S: the inclusion proof of the event
// at position N in the tree of S leaves (default: the latest checkpoint's).
func (lr *ledgerRoutes) proof(w http.ResponseWriter, r *http.Request) error {
	tree, heads, err := lr.at(w, r)
	if err != nil {
		return err
	}
	size, err := treeSize(r, tree, heads, "tree_size")
	if err != nil {
		return err
	}
	pos, err := strconv.ParseUint(r.URL.Query().Get("position"), 10, 64)
	if err != nil || pos < 1 || pos > size {
		return badRequest("position", fmt.Sprintf("must be a log position from 1 to the tree size %d", size))
	}
	p, err := inclusion(tree, pos, size)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, p)
	return nil
}

// consistency answers ?from=A&to=B: the proof that the tree of A leaves is
// a prefix of the tree of B leaves (B defaults to the latest checkpoint's).
func (lr *ledgerRoutes) consistency(w http.ResponseWriter, r *http.Request) error {
	tree, heads, err := lr.at(w, r)
	if err != nil {
		return err
	}
	to, err := treeSize(r, tree, heads, "to")
	if err != nil {
		return err
	}
	from, err := strconv.ParseUint(r.URL.Query().Get("from"), 10, 64)
	if err != nil || from > to {
		return badRequest("from", fmt.Sprintf("must be a tree size from 0 to %d", to))
	}
	hashes, err := tree.ConsistencyProof(from, to)
	if err != nil {
		return fmt.Errorf("consistency proof %d -> %d: %w", from, to, err)
	}
	WriteJSON(w, http.StatusOK, consistencyJSON{From: from, To: to, Hashes: hexHashes(hashes)})
	return nil
}

// treeSize reads a tree size parameter: the latest checkpoint's when
// absent; 503 while the tree catches up to a size already signed, 404 past
// what the log holds.
func treeSize(r *http.Request, tree LedgerTree, heads LedgerHeads, param string) (uint64, error) {
	_, signed, _, ok := heads.LatestCheckpoint()
	size := signed
	if raw := r.URL.Query().Get(param); raw != "" {
		var err error
		if size, err = strconv.ParseUint(raw, 10, 64); err != nil || size == 0 {
			return 0, badRequest(param, "must be a tree size (a positive integer)")
		}
	} else if !ok {
		return 0, errNoCheckpoint
	}
	switch have := tree.Size(); {
	case size <= have:
		return size, nil
	case ok && size <= signed:
		return 0, &requestError{status: http.StatusServiceUnavailable, code: "unavailable", field: param,
			message: fmt.Sprintf("the tree is catching up after a restart: %d of %d leaves", have, size)}
	default:
		return 0, domain.NotFound(param, "the tree has %d leaves, not %d", have, size)
	}
}
