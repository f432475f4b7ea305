package httpapi

import (
	"encoding/hex"
	"math"
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/app/query"
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

// head answers the latest signed checkpoint.
func (lr *ledgerRoutes) head(w http.ResponseWriter, r *http.Request) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	c, err := lr.q.Head(r.Context(), rd.Read)
	if err = rd.answered(w, lr.q, err); err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, headJSON{Checkpoint: string(c.Note), VerifierKey: c.VerifierKey,
		TreeSize: c.Size, RootHash: hex.EncodeToString(c.Root[:])})
	return nil
}

// proof answers ?position=N&tree_size=S: the inclusion proof of the event
// at position N in the tree of S leaves (default: the latest checkpoint's).
func (lr *ledgerRoutes) proof(w http.ResponseWriter, r *http.Request) error {
	t, err := lr.tree(w, r, "tree_size")
	if err != nil {
		return err
	}
	// A malformed position reads as 0, which no tree holds: the refusal
	// names the positions the tree does hold.
	pos, _ := strconv.ParseUint(r.URL.Query().Get("position"), 10, 64)
	hashes, err := t.Inclusion(pos)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, &inclusionJSON{Position: pos, LeafIndex: pos - 1, TreeSize: t.Size, Hashes: hexHashes(hashes)})
	return nil
}

// consistency answers ?from=A&to=B: the proof that the tree of A leaves is
// a prefix of the tree of B leaves (B defaults to the latest checkpoint's).
func (lr *ledgerRoutes) consistency(w http.ResponseWriter, r *http.Request) error {
	t, err := lr.tree(w, r, "to")
	if err != nil {
		return err
	}
	// A malformed from reads as past every tree: the refusal names the
	// sizes this one may be proven from.
	from, err := strconv.ParseUint(r.URL.Query().Get("from"), 10, 64)
	if err != nil {
		from = math.MaxUint64
	}
	hashes, err := t.ConsistencyFrom(from)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, consistencyJSON{From: from, To: t.Size, Hashes: hexHashes(hashes)})
	return nil
}

// tree reads the request's min_position and the tree size parameter param
// (absent: the latest checkpoint's size) and answers the tree cut there.
func (lr *ledgerRoutes) tree(w http.ResponseWriter, r *http.Request, param string) (query.Tree, error) {
	rd, err := readOf(r)
	if err != nil {
		return query.Tree{}, err
	}
	var size uint64
	if raw := r.URL.Query().Get(param); raw != "" {
		if size, err = strconv.ParseUint(raw, 10, 64); err != nil || size == 0 {
			return query.Tree{}, badRequest(param, "must_tree_size_positive_integer", "must be a tree size (a positive integer)")
		}
	}
	t, err := lr.q.Tree(r.Context(), rd.Read, size, param)
	return t, rd.answered(w, lr.q, err)
}
