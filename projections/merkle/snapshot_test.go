package merkle_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/projections/merkle"
)

func snapshot(t *testing.T, p *merkle.Projection) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// saved grows a tree kept in a new directory to leaves, snapshots it and
// closes it, as a stopped server leaves it.
func saved(t *testing.T, leaves uint64) (dir string, snap []byte) {
	t.Helper()
	dir = t.TempDir()
	p := merkle.New(dir)
	grow(t, p, leaves)
	snap = snapshot(t, p)
	p.Close()
	return dir, snap
}

func restore(t *testing.T, dir string, snap []byte) *merkle.Projection {
	t.Helper()
	p := merkle.New(dir)
	t.Cleanup(func() { p.Close() })
	if err := p.Restore(bytes.NewReader(snap)); err != nil {
		t.Fatal(err)
	}
	return p
}

// A tree kept on disk and one kept in memory write the same snapshot, and
// a snapshot is small: the size, the compact range and the root.
func TestSnapshotIsSmallAndTheSameOnDiskAndInMemory(t *testing.T) {
	onDisk, inMem := merkle.New(t.TempDir()), merkle.New("")
	defer onDisk.Close()
	grow(t, onDisk, 100_000)
	grow(t, inMem, 100_000)
	a, b := snapshot(t, onDisk), snapshot(t, inMem)
	if !bytes.Equal(a, b) {
		t.Fatal("the same tree wrote different snapshots on disk and in memory")
	}
	if len(a) > 1024 {
		t.Fatalf("snapshot of 100,000 leaves is %d bytes", len(a))
	}
}

// After a restart the tree comes back from its snapshot and level files,
// answers proofs for old leaves without a rebuild, and grows on to the
// same root as a tree that never stopped. Files that ran ahead of the
// snapshot (a crash between flush and rename) are cut back.
func TestRestoreFromSnapshotAndFilesAheadOfIt(t *testing.T) {
	dir := t.TempDir()
	p := merkle.New(dir)
	grow(t, p, 1000)
	snap := snapshot(t, p)
	grow(t, p, 1500)
	snapshot(t, p) // the files now hold 1500 leaves; this snapshot is "lost"
	p.Close()

	q := restore(t, dir, snap)
	if q.Size() != 1000 {
		t.Fatalf("restored %d leaves, want 1000", q.Size())
	}
	checkProof(t, q, 0, 1000)
	checkProof(t, q, 999, 1000)
	grow(t, q, 2000)
	snap = snapshot(t, q)
	q.Close()

	r := restore(t, dir, snap)
	size, root := r.Head()
	if want := referenceRoot(t, 2000); size != 2000 || !bytes.Equal(root[:], want) {
		t.Fatalf("head %d %x, want 2000 %x", size, root, want)
	}
	for _, i := range []uint64{0, 999, 1000, 1999} {
		checkProof(t, r, i, 2000)
	}
}

// Level files cut short, or from another tree, are refused at restore.
func TestRestoreRefusesDamagedFiles(t *testing.T) {
	dir, snap := saved(t, 300)

	level0 := filepath.Join(dir, "level-00.hashes")
	if err := os.Truncate(level0, 100*merkle.HashSize); err != nil {
		t.Fatal(err)
	}
	if err := merkle.New(dir).Restore(bytes.NewReader(snap)); err == nil || !strings.Contains(err.Error(), "replay") {
		t.Fatalf("restore over a cut level file: %v", err)
	}

	other := t.TempDir()
	q := merkle.New(other)
	grow(t, q, 300)
	snapshot(t, q)
	q.Close()
	if err := os.WriteFile(filepath.Join(other, "level-08.hashes"), make([]byte, merkle.HashSize), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := merkle.New(other).Restore(bytes.NewReader(snap)); err == nil {
		t.Fatal("restored a snapshot over another tree's files")
	}
	if err := merkle.New("").Restore(bytes.NewReader(snap)); err == nil {
		t.Fatal("a memory-only tree restored 300 leaves it does not have")
	}
}

// A large fold moves nodes to disk as it goes, and a reset tree rebuilt
// from scratch cuts the old files to what it holds.
func TestSpillAndRebuild(t *testing.T) {
	defer merkle.SetSpillBytes(64 * merkle.HashSize)()
	dir := t.TempDir()
	p := merkle.New(dir)
	defer p.Close()
	grow(t, p, 5000)
	if st, err := os.Stat(filepath.Join(dir, "level-00.hashes")); err != nil || st.Size() < 4000*merkle.HashSize {
		t.Fatalf("level 0 on disk before any snapshot: %v %v", st, err)
	}
	checkProof(t, p, 17, 5000)
	p.Reset()
	grow(t, p, 700)
	snap := snapshot(t, p)
	if st, _ := os.Stat(filepath.Join(dir, "level-00.hashes")); st.Size() != 700*merkle.HashSize {
		t.Fatalf("level 0 holds %d bytes after a rebuild to 700 leaves", st.Size())
	}
	q := restore(t, dir, snap)
	checkProof(t, q, 699, 700)
}

// The leaves on disk read back in order, as an audit reads them.
func TestLeafFileReadsTheLeavesInOrder(t *testing.T) {
	dir := t.TempDir()
	p := merkle.New(dir)
	defer p.Close()
	grow(t, p, 100)
	snapshot(t, p)
	lf, err := merkle.OpenLeafFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	for pos := uint64(1); pos <= 100; pos++ {
		got, ok := lf.Next()
		if !ok || !bytes.Equal(got[:], leafOf(pos)) {
			t.Fatalf("leaf %d: %x %v", pos, got, ok)
		}
	}
	if _, ok := lf.Next(); ok {
		t.Fatal("a leaf past the last")
	}
	if _, err := merkle.OpenLeafFile(t.TempDir()); err == nil {
		t.Fatal("opened the leaves of no tree")
	}
}

// A tree tall enough to keep its upper levels in memory answers proofs
// that verify against the reference while it spills nodes to disk, after
// a restart, and as it grows on.
func TestATallTreeProvesAcrossSpillsARestartAndGrowth(t *testing.T) {
	defer merkle.SetSpillBytes(64 * merkle.HashSize)()
	dir := t.TempDir()
	p := merkle.New(dir)
	grow(t, p, 5000)
	for _, i := range []uint64{0, 17, 1023, 1024, 4095, 4096, 4999} {
		checkProof(t, p, i, 5000)
	}
	checkProof(t, p, 5, 2049)
	snap := snapshot(t, p)
	p.Close()

	q := restore(t, dir, snap)
	for _, i := range []uint64{0, 2048, 4999} {
		checkProof(t, q, i, 5000)
	}
	grow(t, q, 9000)
	for _, i := range []uint64{3, 4999, 8191, 8999} {
		checkProof(t, q, i, 9000)
	}
	checkProof(t, q, 4000, 4097)
}

// The upper levels, which every proof shares, are read from memory after
// a restart: proofs still verify with those levels' files overwritten.
func TestAProofReadsTheSharedUpperLevelsFromMemory(t *testing.T) {
	dir, snap := saved(t, 5000)
	q := restore(t, dir, snap)
	for level := 10; level <= 12; level++ {
		f := filepath.Join(dir, fmt.Sprintf("level-%02d.hashes", level))
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, make([]byte, st.Size()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []uint64{0, 17, 2048, 4095} {
		checkProof(t, q, i, 5000)
	}
}
