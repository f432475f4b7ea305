package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/transparency-dev/merkle/proof"
	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// noTokens authenticates nobody: the ledger routes are public.
type noTokens struct{}

func (noTokens) Authenticate(context.Context, string) (access.Actor, error) {
	return access.Actor{}, domain.ErrNotFound
}

// pythonCheck verifies, in Python with the cryptography package and
// nothing of this code base, the head's signed note with its verifier key
// (C2SP signed-note: key hash, Ed25519 over the body) and each inclusion
// proof against the signed root with RFC 9162's algorithm (section
// 2.1.3.2), the leaf being SHA-256(0x00 || event hash).
const pythonCheck = `
import base64, hashlib, json, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
d = json.load(open(sys.argv[1]))
name, khash, key = d['verifier_key'].split('+', 2)
key = base64.b64decode(key)
kh = struct.unpack('>I', hashlib.sha256(name.encode() + b'\n' + key).digest()[:4])[0]
assert kh == int(khash, 16) and key[0] == 1
msg = d['checkpoint'].encode()
body, sigs = msg.split(b'\n\n', 1)
body += b'\n'
ok = False
for line in sigs.decode().splitlines():
    if line.startswith('\u2014 ' + name + ' '):
        sig = base64.b64decode(line.split(' ')[2])
        assert struct.unpack('>I', sig[:4])[0] == kh
        Ed25519PublicKey.from_public_bytes(key[1:]).verify(sig[4:], body)
        ok = True
assert ok, 'no signature by the key'
origin, size, root = body.decode().splitlines()[:3]
assert origin == name
size, root = int(size), base64.b64decode(root)
H = lambda b: hashlib.sha256(b).digest()
for p in d['proofs']:
    fn, sn = p['leaf_index'], p['tree_size'] - 1
    assert p['tree_size'] == size and fn < p['tree_size']
    r = H(b'\x00' + bytes.fromhex(p['event_hash']))
    for h in map(bytes.fromhex, p['hashes']):
        assert sn != 0
        if fn & 1 or fn == sn:
            r = H(b'\x01' + h + r)
            while not fn & 1 and fn != 0:
                fn >>= 1; sn >>= 1
        else:
            r = H(b'\x01' + r + h)
        fn >>= 1; sn >>= 1
    assert sn == 0 and r == root, 'proof of leaf %d fails' % p['leaf_index']
    print('leaf', p['leaf_index'], 'in tree', size, 'ok')
`

// The "done when" on the demo data, through the HTTP API as serve
// wires it: the head verifies with its verifier key by x/mod's note.Open
// and by an independent Python implementation; the inclusion proofs of
// the first, a middle and the last position check against the signed root
// with transparency-dev's verifier and with RFC 9162's algorithm in Python.
func TestHeadAndProofsVerifyIndependently(t *testing.T) {
	data, _ := signedDemo(t)
	cfg := Config{Data: data}
	store, err := sqlite.OpenReadOnly(t.Context(), filepath.Join(data, ledgerFile))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	tree := merkle.New(merkleDir(cfg))
	defer tree.Close()
	rn := runner.New(store, runner.Options{Dir: modelsPath(cfg)}, tree)
	if err := rn.Load(); err != nil { // the tree comes back from its snapshot and level files
		t.Fatal(err)
	}
	key, err := notary.LoadKey(ledgerKeyPath(cfg))
	if err != nil {
		t.Fatal(err)
	}
	archive, err := notary.OpenArchive(filepath.Join(data, notary.ArchiveDir))
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()
	ntry, err := notary.New(key, archive, tree)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	api, err := httpapi.New(httpapi.Config{Commands: command.NewHandlers(store, command.Options{}), Tokens: noTokens{},
		Log: store, Registerer: reg, Gatherer: reg})
	if err != nil {
		t.Fatal(err)
	}
	api.RouteLedger(query.NewLedger(tree, ntry, rn))
	get := func(path string, v any) {
		t.Helper()
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), "GET", path, nil))
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d %s", path, rec.Code, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatal(err)
		}
	}

	var head struct {
		Checkpoint  string `json:"checkpoint"`
		VerifierKey string `json:"verifier_key"`
		TreeSize    uint64 `json:"tree_size"`
		RootHash    string `json:"root_hash"`
	}
	get("/api/v1/ledger/head", &head)
	v, err := note.NewVerifier(head.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Open([]byte(head.Checkpoint), note.VerifierList(v))
	if err != nil {
		t.Fatalf("note.Open: %v", err)
	}
	signed, err := notary.ParseCheckpoint([]byte(n.Text))
	if err != nil || signed.Size != logHead(t, data) || hex.EncodeToString(signed.Root[:]) != head.RootHash {
		t.Fatalf("signed %+v %v; answer %d %s", signed, err, head.TreeSize, head.RootHash)
	}

	type proofJSON struct {
		LeafIndex uint64   `json:"leaf_index"`
		TreeSize  uint64   `json:"tree_size"`
		Hashes    []string `json:"hashes"`
		EventHash string   `json:"event_hash"`
	}
	var proofs []proofJSON
	for _, pos := range []uint64{1, signed.Size / 2, signed.Size} {
		var p proofJSON
		get("/api/v1/ledger/proof?position="+strconv.FormatUint(pos, 10), &p)
		recs, err := store.ReadPositions(t.Context(), []uint64{pos})
		if err != nil {
			t.Fatal(err)
		}
		p.EventHash = hex.EncodeToString(recs[0].Hash[:])
		path := make([][]byte, len(p.Hashes))
		for i, h := range p.Hashes {
			path[i], _ = hex.DecodeString(h)
		}
		leaf := merkle.LeafHash(recs[0].Hash)
		if err := proof.VerifyInclusion(merkle.Hasher, p.LeafIndex, p.TreeSize, leaf[:], path, signed.Root[:]); err != nil {
			t.Fatalf("position %d: %v", pos, err)
		}
		proofs = append(proofs, p)
	}

	if exec.Command("python3", "-c", "import cryptography").Run() != nil {
		t.Skip("python3 with the cryptography package is not installed: the Python half is skipped")
	}
	in := filepath.Join(t.TempDir(), "head.json")
	raw, _ := json.Marshal(map[string]any{"checkpoint": head.Checkpoint, "verifier_key": head.VerifierKey, "proofs": proofs})
	if err := os.WriteFile(in, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-c", pythonCheck, in).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	t.Logf("python:\n%s", out)
}
