package runner_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/traceledger/traceledger/projections/runner"
)

// broken is a projection whose Apply always fails.
type broken struct{}

var errBroken = errors.New("fold refused the event")

func (broken) Name() string                  { return "broken" }
func (broken) Reset()                        {}
func (broken) Apply([]runner.Envelope) error { return errBroken }
func (broken) Snapshot(io.Writer) error      { return nil }
func (broken) Restore(io.Reader) error       { return nil }

// A projection whose Apply fails holds back only the reads that wait on it:
// a read of another projection gets the client's own write, and a read of
// the failed one fails at once, naming it, instead of timing out.
func TestFailedProjectionDoesNotBlockReadsOfTheOthers(t *testing.T) {
	dir := t.TempDir()
	store := open(t, dir)
	defer store.Close()
	r := runner.New(store, runner.Options{Dir: dir}, broken{}, &seen{})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	appendN(t, store, "x", 3)

	wctx, wcancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer wcancel()
	if err := r.Of("seen").WaitFor(wctx, 3); err != nil {
		t.Fatalf("read of the healthy model: %v", err)
	}
	if got := r.Of("seen").Position(); got != 3 {
		t.Fatalf("healthy model at %d, want 3", got)
	}

	start := time.Now()
	err := r.Of("broken").WaitFor(wctx, 3)
	if !errors.Is(err, errBroken) {
		t.Fatalf("read of the failed model: %v, want its failure", err)
	}
	if time.Since(start) > time.Second {
		t.Fatalf("read of the failed model took %v: it should fail at once", time.Since(start))
	}
	if err := r.WaitFor(wctx, 3); !errors.Is(err, errBroken) {
		t.Fatalf("wait for every model: %v, want the failure", err)
	}
	if f := r.Failed(); len(f) != 1 || !errors.Is(f["broken"], errBroken) {
		t.Fatalf("Failed() = %v, want broken only", f)
	}
	if err := r.Of("nosuch").WaitFor(wctx, 1); err == nil {
		t.Fatal("a wait for a model the runner does not run succeeded")
	}
}
