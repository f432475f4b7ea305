package merkle_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/transparency-dev/merkle/proof"

	"github.com/traceledger/traceledger/projections/merkle"
)

// Every root, inclusion proof and consistency proof of small trees checks
// with transparency-dev's RFC 6962 verifier against roots computed by its
// own compact range: the tree is the standard one, edge cases included.
func TestProofsVerifyWithTheReferenceVerifier(t *testing.T) {
	const n = 40
	for _, dir := range []string{"", t.TempDir()} {
		p := merkle.New(dir)
		roots := [][]byte{referenceRoot(t, 0)}
		for size := uint64(1); size <= n; size++ {
			grow(t, p, size)
			roots = append(roots, referenceRoot(t, size))
			if size%7 == 0 && dir != "" {
				var buf bytes.Buffer
				if err := p.Snapshot(&buf); err != nil { // moves nodes to the files
					t.Fatal(err)
				}
			}
		}
		for size := uint64(0); size <= n; size++ {
			got, err := p.RootAt(size)
			if err != nil || !bytes.Equal(got[:], roots[size]) {
				t.Fatalf("dir %q: root at %d = %x, %v; want %x", dir, size, got, err, roots[size])
			}
			for index := uint64(0); index < size; index++ {
				pr, err := p.InclusionProof(index, size)
				if err != nil {
					t.Fatal(err)
				}
				if err := proof.VerifyInclusion(merkle.Hasher, index, size, leafOf(index+1), pr, roots[size]); err != nil {
					t.Fatalf("dir %q: inclusion of %d in %d: %v", dir, index, size, err)
				}
			}
			for to := size; to <= n; to++ {
				pr, err := p.ConsistencyProof(size, to)
				if err != nil {
					t.Fatal(err)
				}
				if err := proof.VerifyConsistency(merkle.Hasher, size, to, pr, roots[size], roots[to]); err != nil {
					t.Fatalf("dir %q: consistency %d -> %d: %v", dir, size, to, err)
				}
			}
		}
		size, root := p.Head()
		if size != n || !bytes.Equal(root[:], roots[n]) {
			t.Fatalf("head %d %x, want %d %x", size, root, n, roots[n])
		}
		p.Close()
	}
}

// A proof at a size the tree has not reached is refused, and a tree never
// skips a position.
func TestRefusesWhatItCannotProve(t *testing.T) {
	p := merkle.New("")
	grow(t, p, 5)
	if _, err := p.InclusionProof(0, 6); !errors.Is(err, merkle.ErrBeyondTree) {
		t.Errorf("proof beyond the tree: %v", err)
	}
	if _, err := p.InclusionProof(5, 5); err == nil {
		t.Error("proof of leaf 5 in a tree of 5 leaves")
	}
	if _, err := p.ConsistencyProof(6, 3); err == nil {
		t.Error("consistency from a larger tree")
	}
	if err := p.Apply(envelopes(7, 7)); err == nil {
		t.Error("position 7 applied after 5")
	}
	if got := merkle.EmptyRoot(); !bytes.Equal(got[:], merkle.Hasher.EmptyRoot()) {
		t.Errorf("empty root %x", got)
	}
}

// Proofs answered while the tree grows check against the root the tree
// gave for that size: readers see whole trees, never a half-appended one.
// Spills and snapshots write the level files meanwhile, off the lock.
func TestProofsWhileTheTreeGrows(t *testing.T) {
	defer merkle.SetSpillBytes(16 << 10)()
	p := merkle.New(t.TempDir())
	defer p.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for to := uint64(4096); to <= 40_960; to += 4096 {
			grow(t, p, to)
			if to%(3*4096) == 0 {
				if err := p.Snapshot(io.Discard); err != nil {
					t.Error(err)
				}
			}
		}
	}()
	checked := 0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		size, root := p.Head()
		if size == 0 {
			continue
		}
		index := uint64(checked*7919) % size
		pr, err := p.InclusionProof(index, size)
		if err != nil {
			t.Fatal(err)
		}
		if err := proof.VerifyInclusion(merkle.Hasher, index, size, leafOf(index+1), pr, root[:]); err != nil {
			t.Fatalf("leaf %d at %d while growing: %v", index, size, err)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no proof checked while growing")
	}
}
