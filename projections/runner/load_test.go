package runner_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/projections/runner"
)

// named is a seen projection under a name of its own, so one runner can
// hold several with a snapshot file each.
type named struct {
	seen
	name string
}

func (n *named) Name() string { return n.name }

// Loading restores each model to its own snapshot's position, and when
// snapshots are damaged it names the first damaged one in the runner's
// order, whichever was decoded first.
func TestLoadRestoresEachModelAndNamesTheFirstDamagedSnapshot(t *testing.T) {
	dir := t.TempDir()
	models := filepath.Join(dir, "models")
	store := open(t, dir)
	defer store.Close()
	appendN(t, store, "a", 40)

	fresh := func() []*named {
		var ps []*named
		for i := range 6 {
			ps = append(ps, &named{name: fmt.Sprintf("m%d", i)})
		}
		return ps
	}
	all := func(ps []*named) []runner.Projection {
		out := make([]runner.Projection, len(ps))
		for i, p := range ps {
			out[i] = p
		}
		return out
	}
	r := runner.New(store, runner.Options{Dir: models, SnapshotEvery: time.Hour}, all(fresh())...)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	if err := r.WaitFor(t.Context(), 40); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	back := fresh()
	again := runner.New(store, runner.Options{Dir: models}, all(back)...)
	if err := again.Load(); err != nil {
		t.Fatal(err)
	}
	for _, p := range back {
		p.check(t, 40)
	}
	for _, s := range again.Statuses() {
		if s.Position != 40 {
			t.Errorf("%s loaded at position %d, want 40", s.Name, s.Position)
		}
	}

	// Damage m4's snapshot and m2's: the header stays, the state is cut.
	for _, name := range []string{"m4", "m2"} {
		path := filepath.Join(models, name+".snapshot")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := bytes.Cut(b, []byte("\n"))
		if err := os.WriteFile(path, append(header, "\n{\"positions\":[1,"...), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for range 20 {
		err := runner.New(store, runner.Options{Dir: models}, all(fresh())...).Load()
		if err == nil || !strings.Contains(err.Error(), "m2") || strings.Contains(err.Error(), "m4") {
			t.Fatalf("Load with m2 and m4 damaged = %v, want an error naming m2 alone", err)
		}
	}
}
