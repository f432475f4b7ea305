package main

import (
	"context"
	"errors"
	"testing"
	"time"
)

// gate is a runner that reaches the head when its channel closes, or
// fails with err.
type gate struct {
	open chan struct{}
	err  error
	pos  uint64
}

func (g *gate) WaitFor(ctx context.Context, pos uint64) error {
	g.pos = pos
	select {
	case <-g.open:
		return g.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestAFollowerRunsOnlyOnceEveryRunnerBeforeItReachedTheStartHead(t *testing.T) {
	main, search := &gate{open: make(chan struct{})}, &gate{open: make(chan struct{})}
	ran := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- after(42, func(context.Context) error { close(ran); return nil }, main, search)(context.Background())
	}()
	close(main.open)
	select {
	case <-ran:
		t.Fatal("ran while the second runner was still behind the head")
	case <-time.After(50 * time.Millisecond):
	}
	close(search.open)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case <-ran:
	default:
		t.Fatal("did not run once both runners reached the head")
	}
	if main.pos != 42 || search.pos != 42 {
		t.Errorf("waited for positions %d and %d, want the start head 42", main.pos, search.pos)
	}
}

func TestAFollowerRunsWhenARunnerBeforeItFailed(t *testing.T) {
	failed := &gate{open: make(chan struct{}), err: errors.New("fold failed")}
	close(failed.open)
	ran := false
	if err := after(7, func(context.Context) error { ran = true; return nil }, failed)(context.Background()); err != nil || !ran {
		t.Fatalf("ran %v, err %v: a failed runner is its own to report and holds no follower back", ran, err)
	}
}

func TestAFollowerStoppedBeforeItsTurnNeverRuns(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	behind := &gate{open: make(chan struct{})}
	done := make(chan error, 1)
	ran := false
	go func() { done <- after(7, func(context.Context) error { ran = true; return nil }, behind)(ctx) }()
	cancel()
	if err := <-done; err != nil || ran {
		t.Fatalf("ran %v, err %v: stopped while waiting, want no run and no error", ran, err)
	}
}

func TestTheStartsCatchUpIsReleasedOnceItsLastFoldReachedTheHead(t *testing.T) {
	fold := &gate{open: make(chan struct{})}
	released := make(chan struct{}, 2)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- releasing(fold, 9, func() { released <- struct{}{} }, func(ctx context.Context) error { <-ctx.Done(); return nil })(ctx)
	}()
	select {
	case <-released:
		t.Fatal("released while the fold was behind the head")
	case <-time.After(50 * time.Millisecond):
	}
	close(fold.open)
	select {
	case <-released:
	case <-time.After(5 * time.Second):
		t.Fatal("not released once the fold reached the head")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(released) != 0 || fold.pos != 9 {
		t.Fatalf("released %d more times; waited for %d, want the start head 9", len(released), fold.pos)
	}
}

func TestAFoldStoppedBeforeTheHeadReleasesNothing(t *testing.T) {
	fold := &gate{open: make(chan struct{})}
	released := false
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := releasing(fold, 9, func() { released = true }, func(context.Context) error { return nil })(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if released {
		t.Fatal("released although the fold stopped before the head")
	}
}
