package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// A fatal component that panics, errs or returns early is reported once, by
// name, and shown as failed; one that stops when ctx ends is not a failure.
func TestSupervisorReportsAFatalFailureByName(t *testing.T) {
	for _, tt := range []struct {
		name string
		run  func(ctx context.Context) error
		want string
	}{
		{"error", func(context.Context) error { return errors.New("disk full") }, "models: disk full"},
		{"panic", func(context.Context) error { panic("nil map") }, "models: panic: nil map"},
		{"early return", func(context.Context) error { return nil }, "models: stopped unexpectedly"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSupervisor(slog.New(slog.DiscardHandler), nil)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if err := s.Go(ctx, component{"models", fatal, tt.run}); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-s.Failed():
				if err.Error() != tt.want {
					t.Errorf("failure = %q, want %q", err, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("no failure reported")
			}
			s.Wait()
			if c := s.Components(); len(c) != 1 || c[0].Status != "failed" || c[0].Error != tt.want {
				t.Errorf("components = %+v", c)
			}
		})
	}

	s := newSupervisor(slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithCancel(t.Context())
	if err := s.Go(ctx, component{"models", fatal, func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }}); err != nil {
		t.Fatal(err)
	}
	cancel()
	s.Wait()
	select {
	case err := <-s.Failed():
		t.Errorf("a component stopped by its ctx reported %v", err)
	default:
	}
	if c := s.Components(); c[0].Status != "stopped" || c[0].Error != "" {
		t.Errorf("components after a stop = %+v", c)
	}
}

// A component without a name or run func is refused with every problem.
func TestSupervisorRefusesAnIncompleteComponent(t *testing.T) {
	err := newSupervisor(slog.New(slog.DiscardHandler), nil).Go(t.Context(), component{policy: policy(7)})
	for _, want := range []string{"a name is required", "a run func is required", "unknown policy 7"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Go = %v, want %q", err, want)
		}
	}
}
