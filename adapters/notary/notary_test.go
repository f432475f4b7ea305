package notary_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/notary"
)

// fakeTree is a tree whose root at size n is SHA-256 of n and a fork tag.
type fakeTree struct {
	mu   sync.Mutex
	size uint64
	fork string
}

func rootOf(size uint64, fork string) [32]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%d%s", size, fork))
}

func (f *fakeTree) Head() (uint64, [32]byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.size, rootOf(f.size, f.fork)
}

func (f *fakeTree) RootAt(size uint64) ([32]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if size > f.size {
		return [32]byte{}, errors.New("beyond")
	}
	return rootOf(size, f.fork), nil
}

func (f *fakeTree) set(size uint64, fork string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.size, f.fork = size, fork
}

type setup struct {
	dir  string
	key  *notary.Key
	tree *fakeTree
}

func newSetup(t *testing.T) *setup {
	dir := t.TempDir()
	key, err := notary.LoadOrCreateKey(filepath.Join(dir, notary.KeyFile), "")
	if err != nil {
		t.Fatal(err)
	}
	return &setup{dir: dir, key: key, tree: &fakeTree{}}
}

func (s *setup) notary(t *testing.T) *notary.Notary {
	t.Helper()
	a, err := notary.OpenArchive(filepath.Join(s.dir, notary.ArchiveDir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	n, err := notary.New(s.key, a, s.tree)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func update(t *testing.T, n *notary.Notary) bool {
	t.Helper()
	signed, err := n.Update(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// The notary signs only when the tree grew, keeps every checkpoint, and
// after a restart picks up from the last one. Each checkpoint verifies
// with the published verifier key by two implementations that share no
// code with the signer: one in Go on crypto/ed25519, one in Python.
func TestSignsWhenTheTreeGrowsAndKeepsEveryCheckpoint(t *testing.T) {
	s := newSetup(t)
	n := s.notary(t)
	if _, ok := n.Latest(); ok || update(t, n) {
		t.Fatal("signed an empty tree")
	}
	s.tree.set(10, "")
	if !update(t, n) || update(t, n) {
		t.Fatal("want one checkpoint for one growth")
	}
	s.tree.set(25, "")
	update(t, n)
	latest, _ := n.Latest()
	if latest.Size != 25 || latest.Root != rootOf(25, "") || latest.Origin != s.key.Origin() {
		t.Fatalf("latest %+v", latest.Checkpoint)
	}
	body := verifyIndependently(t, latest.Note, n.VerifierKey())
	want := fmt.Sprintf("%s\n25\n%s\n", s.key.Origin(), b64(rootOf(25, "")))
	if body != want {
		t.Fatalf("body %q, want %q", body, want)
	}
	root := rootOf(25, "")
	if got := verifyWithPython(t, latest.Note, n.VerifierKey()); got != "25 "+hex.EncodeToString(root[:]) {
		t.Fatalf("python read %q", got)
	}

	s.tree.set(20, "") // a restarted tree still catching up
	again := s.notary(t)
	if got, _ := again.Latest(); got.Size != 25 || update(t, again) {
		t.Fatalf("after restart: latest %d", got.Size)
	}
	notes, err := notary.ReadArchive(filepath.Join(s.dir, notary.ArchiveDir))
	if err != nil || len(notes) != 2 {
		t.Fatalf("archive: %d notes, %v", len(notes), err)
	}
	for i, msg := range notes {
		if _, err := notary.Open(msg, s.key.Verifier()); err != nil {
			t.Errorf("kept checkpoint %d: %v", i, err)
		}
	}
}

// A tree that no longer extends the last checkpoint is never signed.
func TestRefusesToSignAFork(t *testing.T) {
	s := newSetup(t)
	n := s.notary(t)
	s.tree.set(10, "")
	update(t, n)
	s.tree.set(12, "rewritten")
	if _, err := n.Update(t.Context()); !errors.Is(err, notary.ErrFork) {
		t.Fatalf("grown fork: %v", err)
	}
	s.tree.set(10, "rewritten")
	if _, err := n.Update(t.Context()); !errors.Is(err, notary.ErrFork) {
		t.Fatalf("same-size fork: %v", err)
	}
}

// Run signs while the tree grows and once more when it stops.
func TestRunSignsEveryIntervalAndAtTheEnd(t *testing.T) {
	s := newSetup(t)
	n := s.notary(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- n.Run(ctx, 10*time.Millisecond) }()
	s.tree.set(3, "")
	deadline := time.Now().Add(5 * time.Second)
	for latest, _ := n.Latest(); latest.Size != 3; latest, _ = n.Latest() {
		if time.Now().After(deadline) {
			t.Fatal("no checkpoint of the grown tree")
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.tree.set(4, "")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if latest, _ := n.Latest(); latest.Size != 4 {
		t.Fatalf("last checkpoint at %d, want the stopped tree's 4", latest.Size)
	}
}

// A server restarted with another key refuses the archive it cannot
// verify, rather than publish heads no earlier key checks.
func TestRefusesAnArchiveOfAnotherKey(t *testing.T) {
	s := newSetup(t)
	n := s.notary(t)
	s.tree.set(5, "")
	update(t, n)
	other, err := notary.LoadOrCreateKey(filepath.Join(t.TempDir(), "other.key"), "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := notary.OpenArchive(filepath.Join(s.dir, notary.ArchiveDir))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := notary.New(other, a, s.tree); err == nil || !strings.Contains(err.Error(), "does not verify") {
		t.Fatalf("another key: %v", err)
	}
}

// The key file is created once, private, and read back to the same key.
func TestKeyIsCreatedOncePrivately(t *testing.T) {
	s := newSetup(t)
	path := filepath.Join(s.dir, notary.KeyFile)
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v, want mode 0600", st, err)
	}
	again, err := notary.LoadOrCreateKey(path, "other.example/log")
	if err != nil || again.VerifierKey() != s.key.VerifierKey() {
		t.Fatalf("reloaded key %v %v", again, err)
	}
	if !strings.HasPrefix(s.key.Origin(), "traceledger.example/ledger/") {
		t.Errorf("origin %q", s.key.Origin())
	}
	vfile := filepath.Join(s.dir, "ledger.pub")
	os.WriteFile(vfile, []byte(s.key.VerifierKey()+"\n"), 0o644)
	for _, arg := range []string{s.key.VerifierKey(), vfile} {
		if v, err := notary.ReadVerifierKey(arg); err != nil || v.Name() != s.key.Origin() {
			t.Errorf("ReadVerifierKey(%q): %v", arg, err)
		}
	}
	if _, err := notary.ReadVerifierKey("nonsense"); err == nil {
		t.Error("read a verifier key from nonsense")
	}
	if _, err := notary.ParseKey(s.key.VerifierKey()); err == nil {
		t.Error("parsed a verifier key as a signer key")
	}
}
