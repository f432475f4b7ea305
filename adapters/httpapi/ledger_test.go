package httpapi_test

import (
	"encoding/hex"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// provedLedger is the history scenario with the Merkle tree folded beside
// the other models, a notary signing its head, and the ledger routes.
type provedLedger struct {
	*histLedger
	tree   *merkle.Projection
	notary *notary.Notary
}

func newProvedLedger(t *testing.T) *provedLedger {
	t.Helper()
	dir := t.TempDir()
	key, err := notary.LoadOrCreateKey(filepath.Join(dir, notary.KeyFile), "")
	if err != nil {
		t.Fatal(err)
	}
	archive, err := notary.OpenArchive(filepath.Join(dir, notary.ArchiveDir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { archive.Close() })
	tree := merkle.New(filepath.Join(dir, "merkle"))
	t.Cleanup(func() { tree.Close() })
	n, err := notary.New(key, archive, tree)
	if err != nil {
		t.Fatal(err)
	}
	l := newHistLedger(t, histExtra{
		projections: []runner.Projection{tree},
		historyOpts: []httpapi.HistoryOption{httpapi.WithLedgerProofs(tree, n)},
		route:       func(srv *httpapi.Server, rn *runner.Runner) { srv.RouteLedger(query.NewLedger(tree, n, rn)) },
	})
	return &provedLedger{histLedger: l, tree: tree, notary: n}
}

// sign waits for the tree to reach the log's head (a history read with
// min_position does) and signs a checkpoint of it.
func (l *provedLedger) sign() {
	l.t.Helper()
	l.get("/api/v1/ledger/head", "")
	if _, err := l.notary.Update(l.t.Context()); err != nil {
		l.t.Fatal(err)
	}
}

type headAnswer struct {
	Checkpoint  string `json:"checkpoint"`
	VerifierKey string `json:"verifier_key"`
	TreeSize    uint64 `json:"tree_size"`
	RootHash    string `json:"root_hash"`
}

type proofAnswer struct {
	Position  uint64   `json:"position"`
	LeafIndex uint64   `json:"leaf_index"`
	TreeSize  uint64   `json:"tree_size"`
	Hashes    []string `json:"hashes"`
}

// head reads the head and opens its note with the verifier key it names,
// with x/mod's note.Open, and returns the checkpoint it signs.
func (l *provedLedger) head() (headAnswer, notary.Checkpoint) {
	l.t.Helper()
	var h headAnswer
	l.getJSON("/api/v1/ledger/head", "", &h)
	v, err := note.NewVerifier(h.VerifierKey)
	if err != nil {
		l.t.Fatal(err)
	}
	n, err := note.Open([]byte(h.Checkpoint), note.VerifierList(v))
	if err != nil {
		l.t.Fatalf("head does not verify with its key: %v", err)
	}
	c, err := notary.ParseCheckpoint([]byte(n.Text))
	if err != nil {
		l.t.Fatal(err)
	}
	if c.Size != h.TreeSize || hex.EncodeToString(c.Root[:]) != h.RootHash {
		l.t.Fatalf("answer says %d %s, the signed note %d %x", h.TreeSize, h.RootHash, c.Size, c.Root)
	}
	return h, c
}

// checkInclusion checks a proof with transparency-dev's RFC 6962 verifier:
// the leaf is SHA-256(0x00 || the event's hash) as the log stores it.
func checkInclusion(t *testing.T, p proofAnswer, eventHash [32]byte, root [32]byte) {
	t.Helper()
	if p.LeafIndex != p.Position-1 {
		t.Fatalf("leaf index %d of position %d", p.LeafIndex, p.Position)
	}
	leaf := merkle.LeafHash(eventHash)
	if err := proof.VerifyInclusion(merkle.Hasher, p.LeafIndex, p.TreeSize, leaf[:], unhex(t, p.Hashes), root[:]); err != nil {
		t.Fatalf("position %d: %v", p.Position, err)
	}
}

func unhex(t *testing.T, hs []string) [][]byte {
	t.Helper()
	out := make([][]byte, len(hs))
	for i, h := range hs {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// The head verifies with its own verifier key; the first, a middle and the
// last event's proofs check against its signed root; after more events a
// consistency proof links the old head to the new.
func TestLedgerHeadProofsAndConsistency(t *testing.T) {
	l := newProvedLedger(t)
	if rec := l.get("/api/v1/ledger/head", ""); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("head before any checkpoint = %d %s", rec.Code, rec.Body)
	}
	l.sign()
	h, c := l.head()
	log := l.log()
	if c.Size != uint64(len(log)) {
		t.Fatalf("checkpoint of %d leaves, log of %d", c.Size, len(log))
	}
	for _, pos := range []uint64{1, c.Size / 2, c.Size} {
		var p proofAnswer
		l.getJSON("/api/v1/ledger/proof?position="+strconv.FormatUint(pos, 10), "", &p)
		if p.TreeSize != h.TreeSize {
			t.Fatalf("proof at %d, head at %d", p.TreeSize, h.TreeSize)
		}
		checkInclusion(t, p, log[pos-1].Hash, c.Root)
	}

	l.ok(l.h.Sell(t.Context(), l.as(l.shopA), command.Sell{SellerUSCC: l.shopA, Channel: "门店", Items: l.codes[:1]}))
	l.sign()
	_, c2 := l.head()
	if c2.Size <= c.Size {
		t.Fatalf("head did not grow: %d -> %d", c.Size, c2.Size)
	}
	var cons struct {
		From, To uint64
		Hashes   []string
	}
	l.getJSON("/api/v1/ledger/consistency?from="+strconv.FormatUint(c.Size, 10), "", &cons)
	if err := proof.VerifyConsistency(merkle.Hasher, c.Size, c2.Size, unhex(t, cons.Hashes), c.Root[:], c2.Root[:]); err != nil || cons.To != c2.Size {
		t.Fatalf("consistency %d -> %d: %v", c.Size, cons.To, err)
	}
	var old proofAnswer
	l.getJSON("/api/v1/ledger/proof?position=1&tree_size="+strconv.FormatUint(c.Size, 10), "", &old)
	checkInclusion(t, old, l.log()[0].Hash, c.Root)

	for path, want := range map[string]int{
		"/api/v1/ledger/proof":                                                   http.StatusBadRequest,
		"/api/v1/ledger/proof?position=0":                                        http.StatusBadRequest,
		"/api/v1/ledger/proof?position=3&tree_size=2":                            http.StatusBadRequest,
		"/api/v1/ledger/proof?position=1&tree_size=999999":                       http.StatusNotFound,
		"/api/v1/ledger/proof?position=1&tree_size=x":                            http.StatusBadRequest,
		"/api/v1/ledger/consistency?from=5&to=4":                                 http.StatusBadRequest,
		"/api/v1/ledger/consistency":                                             http.StatusBadRequest,
		"/api/v1/ledger/consistency?from=1&to=999999":                            http.StatusNotFound,
		"/api/v1/ledger/consistency?from=0&to=" + strconv.FormatUint(c.Size, 10): http.StatusOK,
	} {
		if rec := l.get(path, ""); rec.Code != want {
			t.Errorf("GET %s = %d %s, want %d", path, rec.Code, rec.Body, want)
		}
	}
}

type provedHistory struct {
	Checkpoint string `json:"checkpoint"`
	Events     []struct {
		Position uint64       `json:"position"`
		Hash     string       `json:"hash"`
		Proof    *proofAnswer `json:"proof"`
	} `json:"events"`
}

// An item's and a batch's history carry the latest checkpoint and each
// event's proof against it; an event newer than the checkpoint has none
// until the next one.
func TestHistoriesCarryProofs(t *testing.T) {
	l := newProvedLedger(t)
	l.sign()
	_, c := l.head()
	for _, path := range []string{histItemPath(l.codes[2]), "/api/v1/batches/" + histGTIN + "/" + histLot + "/history"} {
		var a provedHistory
		l.getJSON(path, regToken, &a)
		v, _ := note.NewVerifier(l.notary.VerifierKey())
		if _, err := note.Open([]byte(a.Checkpoint), note.VerifierList(v)); err != nil {
			t.Fatalf("%s: checkpoint: %v", path, err)
		}
		if len(a.Events) == 0 {
			t.Fatalf("%s: no events", path)
		}
		for _, e := range a.Events {
			if e.Proof == nil || e.Proof.Position != e.Position || e.Proof.TreeSize != c.Size {
				t.Fatalf("%s: event %d proof %+v", path, e.Position, e.Proof)
			}
			h, _ := hex.DecodeString(e.Hash)
			checkInclusion(t, *e.Proof, [32]byte(h), c.Root)
		}
	}

	l.ok(l.h.Sell(t.Context(), l.as(l.shopA), command.Sell{SellerUSCC: l.shopA, Channel: "门店", Items: l.codes[:1]}))
	var a provedHistory
	l.getJSON(histItemPath(l.codes[0]), regToken, &a)
	last := a.Events[len(a.Events)-1]
	if last.Position <= c.Size || last.Proof != nil || a.Events[0].Proof == nil {
		t.Fatalf("sale at %d after checkpoint %d: proof %+v", last.Position, c.Size, last.Proof)
	}
}
