package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// policy is what serve does when a background component fails. The choice
// for each component, and why, is in docs/operations.md.
type policy int

const (
	// fatal ends serve: the component holds state that answers depend on
	// (the read models) or must never skip work (the notary), so serving
	// on without it would answer wrongly or silently.
	fatal policy = iota
	// restart marks /healthz unhealthy and runs the component again after
	// a backoff: it keeps its own checkpoint, so a new run resumes where
	// the last one stopped, and the ledger answers correctly without it.
	restart
)

func (p policy) String() string {
	if p == restart {
		return "restart"
	}
	return "fatal"
}

// component is one background part of serve: it runs until ctx ends and
// returns nil then; any return before that is a failure.
type component struct {
	name   string
	policy policy
	run    func(ctx context.Context) error
}

// Validate names every problem of the component.
func (c component) Validate() error {
	var errs []error
	if c.name == "" {
		errs = append(errs, errors.New("component: a name is required"))
	}
	if c.run == nil {
		errs = append(errs, fmt.Errorf("component %q: a run func is required", c.name))
	}
	if c.policy != fatal && c.policy != restart {
		errs = append(errs, fmt.Errorf("component %q: unknown policy %d", c.name, c.policy))
	}
	return errors.Join(errs...)
}

// Backoff bounds between two runs of a restarted component: it doubles
// from the first to the last, and starts over once a run outlived it.
const (
	firstBackoff = time.Second
	lastBackoff  = time.Minute
)

// supervisor runs serve's background components, reports their states to
// /healthz, restarts those that may be restarted and hands the first fatal
// failure to serve, which then shuts down.
type supervisor struct {
	logger *slog.Logger
	// faults, set only by tests, make the named component fail with the
	// error received, as if its run func had returned it.
	faults map[string]<-chan error

	mu     sync.Mutex
	states []*httpapi.ComponentHealth // in start order
	failed chan error                 // the first fatal failure
	wg     sync.WaitGroup
}

func newSupervisor(logger *slog.Logger, faults map[string]<-chan error) *supervisor {
	return &supervisor{logger: logger, faults: faults, failed: make(chan error, 1)}
}

// Go starts c under supervision until ctx ends.
func (s *supervisor) Go(ctx context.Context, c component) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if fault, ok := s.faults[c.name]; ok {
		c.run = failOn(fault, c.run)
	}
	st := &httpapi.ComponentHealth{Name: c.name, Status: httpapi.ComponentRunning}
	s.mu.Lock()
	s.states = append(s.states, st)
	s.mu.Unlock()
	s.wg.Go(func() { s.supervise(ctx, c, st) })
	return nil
}

// supervise runs c until ctx ends, restarting it or reporting it as fatal
// each time it stops before.
func (s *supervisor) supervise(ctx context.Context, c component, st *httpapi.ComponentHealth) {
	backoff := firstBackoff
	for {
		started := time.Now()
		err := runGuarded(ctx, c.run)
		if ctx.Err() != nil {
			if errors.Is(err, context.Canceled) {
				err = nil
			}
			if err != nil {
				s.logger.Error("component stopped with an error", "component", c.name, "err", err)
			}
			s.set(st, "stopped", err, false)
			return
		}
		if err == nil {
			err = errors.New("stopped unexpectedly")
		}
		err = fmt.Errorf("%s: %w", c.name, err)
		if c.policy == fatal {
			s.logger.Error("component failed; shutting down", "component", c.name, "err", err)
			s.set(st, "failed", err, false)
			select {
			case s.failed <- err:
			default: // another component failed first: serve is already stopping
			}
			return
		}
		if time.Since(started) > lastBackoff {
			backoff = firstBackoff
		}
		s.logger.Error("component failed; restarting", "component", c.name, "err", err, "in", backoff)
		s.set(st, "restarting", err, false)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			s.set(st, "stopped", nil, false)
			return
		}
		backoff = min(2*backoff, lastBackoff)
		s.set(st, httpapi.ComponentRunning, nil, true)
	}
}

// set records a component's status; err, when not nil, replaces its last
// error.
func (s *supervisor) set(st *httpapi.ComponentHealth, status string, err error, restarted bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st.Status = status
	if err != nil {
		st.Error = err.Error()
	}
	if restarted {
		st.Restarts++
	}
}

// Failed receives the first fatal failure, naming its component.
func (s *supervisor) Failed() <-chan error { return s.failed }

// Wait returns once every component has stopped.
func (s *supervisor) Wait() { s.wg.Wait() }

// Components is the state of every component, for /healthz.
func (s *supervisor) Components() []httpapi.ComponentHealth {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]httpapi.ComponentHealth, len(s.states))
	for i, st := range s.states {
		out[i] = *st
	}
	return out
}

// runGuarded runs run, turning a panic into an error so that a component's
// bug shuts the server down in order instead of killing it mid-write.
func runGuarded(ctx context.Context, run func(context.Context) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return run(ctx)
}

// failOn wraps run so that an error received from fault stops it (its ctx
// is cancelled and it is waited for) and is returned as its failure.
func failOn(fault <-chan error, run func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- runGuarded(ctx, run) }()
		select {
		case err := <-done:
			return err
		case err := <-fault:
			cancel()
			<-done
			return err
		}
	}
}
