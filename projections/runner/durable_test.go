package runner_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// onDisk records every position it applies as a key of its on-disk model.
type onDisk struct{ m *modelstore.Model }

func (d onDisk) Name() string { return "ondisk" }
func (d onDisk) Reset() {
	if err := d.m.Reset(); err != nil {
		panic(err)
	}
}
func (d onDisk) Apply(batch []runner.Envelope) error {
	b := d.m.Begin()
	for _, e := range batch {
		k := modelstore.AppendUint64(nil, e.Position)
		if _, ok, _ := b.Get(k); ok {
			b.Discard()
			return errors.New("position applied twice")
		}
		b.Set(k, nil)
	}
	return b.Commit(batch[len(batch)-1].Position)
}
func (d onDisk) Snapshot(w io.Writer) error { return d.m.Dump(w) }
func (d onDisk) Restore(io.Reader) error    { return errors.New("restored from a snapshot") }
func (d onDisk) Position() (uint64, error)  { return d.m.Position() }
func (d onDisk) Persist() error             { return nil }
func (d onDisk) positions(t *testing.T) []uint64 {
	var out []uint64
	if err := d.m.Scan(nil, nil, false, func(k, _ []byte) bool { out = append(out, modelstore.Uint64(k)); return true }); err != nil {
		t.Fatal(err)
	}
	return out
}

// A model on disk carries its own position: a new runner resumes after it
// without a snapshot file, and applies no event twice and skips none.
func TestAModelOnDiskResumesFromThePositionItCommitted(t *testing.T) {
	dir := t.TempDir()
	store := open(t, dir)
	defer store.Close()
	db, err := modelstore.Open(filepath.Join(dir, "models.db"), modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	model := onDisk{m: db.Model("ondisk")}
	run := func(more int) {
		// Snapshots never fall due: the position must come from the model.
		r := runner.New(store, runner.Options{Dir: filepath.Join(dir, "snapshots"), BatchSize: 5, SnapshotEvery: time.Hour}, model)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()
		appendN(t, store, "s", more)
		head, _ := store.Head(t.Context())
		wctx, wcancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer wcancel()
		if err := r.WaitFor(wctx, head); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	run(40)
	run(30)
	got := model.positions(t)
	if len(got) != 70 {
		t.Fatalf("applied %d positions, want 70", len(got))
	}
	for i, p := range got {
		if p != uint64(i+1) {
			t.Fatalf("position %d at index %d", p, i)
		}
	}
	// A rebuild empties it on disk first.
	if _, err := runner.Rebuild(t.Context(), store, filepath.Join(dir, "snapshots"), nil, model); err != nil {
		t.Fatal(err)
	}
	if n := len(model.positions(t)); n != 70 {
		t.Fatalf("after a rebuild the model holds %d positions, want 70", n)
	}
}

// A data directory from before a model moved to disk still has its snapshot
// file: the first start removes it, and keeps every other model's.
func TestAModelOnDiskRemovesTheSnapshotFileItOnceHad(t *testing.T) {
	dir := t.TempDir()
	store := open(t, dir)
	defer store.Close()
	db, err := modelstore.Open("", modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snaps := filepath.Join(dir, "snapshots")
	if err := os.MkdirAll(snaps, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ondisk.snapshot", "other.snapshot"} {
		if err := os.WriteFile(filepath.Join(snaps, name), []byte("{}\n{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := runner.New(store, runner.Options{Dir: snaps}, onDisk{m: db.Model("ondisk")})
	if err := r.Load(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(snaps, "ondisk.snapshot")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the on-disk model's old snapshot file: %v, want it removed", err)
	}
	if _, err := os.Stat(filepath.Join(snaps, "other.snapshot")); err != nil {
		t.Errorf("another model's snapshot file: %v, want it kept", err)
	}
}
