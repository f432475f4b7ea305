package command_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// conflictingStore refuses the first conflicts appends with a concurrency
// error, then appends in memory; it counts appends and stream reads.
type conflictingStore struct {
	event.Store
	mu        sync.Mutex
	conflicts int
	appends   int
	reads     int
	streams   map[string][]event.Record
	head      uint64
}

func (s *conflictingStore) Append(_ context.Context, writes ...event.Write) ([]event.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.appends++
	if s.appends <= s.conflicts {
		return nil, &event.ConcurrencyError{Stream: writes[0].Stream, Expected: writes[0].Expected, Actual: 9}
	}
	if s.streams == nil {
		s.streams = map[string][]event.Record{}
	}
	var out []event.Record
	for _, w := range writes {
		for _, p := range w.Events {
			s.head++
			r := event.Record{ID: p.ID, Stream: w.Stream, Version: uint64(len(s.streams[w.Stream]) + 1), Position: s.head,
				Type: p.Type, Data: p.Data, Metadata: p.Metadata}
			s.streams[w.Stream] = append(s.streams[w.Stream], r)
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *conflictingStore) ReadStream(_ context.Context, stream string, _ uint64) ([]event.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	return s.streams[stream], nil
}

// observed records every Done call.
type observed struct {
	names []string
	errs  []error
	outs  []command.Outcome
}

func (o *observed) Done(name string, out command.Outcome, err error) {
	o.names, o.outs, o.errs = append(o.names, name), append(o.outs, out), append(o.errs, err)
}

var regulator = access.Actor{Role: access.RoleRegulator}

func registration() command.RegisterEnterprise {
	return command.RegisterEnterprise{USCC: "91310000MA1FL0000N", Name: "Acme", Region: "310000", Roles: []string{"importer"}}
}

func TestACommandThatKeepsMeetingConcurrentWritesIsDecidedThreeTimes(t *testing.T) {
	store := &conflictingStore{conflicts: 100}
	obs := &observed{}
	h := command.NewHandlers(store, command.Options{Observer: obs})
	_, err := h.RegisterEnterprise(t.Context(), regulator, registration())
	if !errors.Is(err, event.ErrConcurrency) {
		t.Fatalf("error = %v, want a concurrency conflict", err)
	}
	if store.appends != 3 {
		t.Errorf("the command was decided %d times, want 3", store.appends)
	}
	if len(obs.names) != 1 || obs.names[0] != "RegisterEnterprise" || !errors.Is(obs.errs[0], event.ErrConcurrency) {
		t.Errorf("observer heard %v %v, want one RegisterEnterprise ending in a conflict", obs.names, obs.errs)
	}
}

func TestARetriedCommandDecidesOnFreshStateAndSucceeds(t *testing.T) {
	store := &conflictingStore{conflicts: 1}
	obs := &observed{}
	h := command.NewHandlers(store, command.Options{Observer: obs})
	out, err := h.RegisterEnterprise(t.Context(), regulator, registration())
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 1 || store.appends != 2 {
		t.Errorf("appended %d events in %d appends, want 1 in 2", len(out.Events), store.appends)
	}
	if store.reads != 2 {
		t.Errorf("the stream was read %d times, want 2 (the stale aggregate dropped)", store.reads)
	}
	if len(obs.outs) != 1 || obs.errs[0] != nil || len(obs.outs[0].Events) != 1 {
		t.Errorf("observer heard %+v %v, want one success", obs.outs, obs.errs)
	}
}

func TestARefusalIsNotRetried(t *testing.T) {
	store := &conflictingStore{}
	h := command.NewHandlers(store, command.Options{})
	in := registration()
	in.Name = ""
	if _, err := h.RegisterEnterprise(t.Context(), regulator, in); err == nil {
		t.Fatal("a registration without a name was accepted")
	}
	if store.appends != 0 || store.reads > 1 {
		t.Errorf("a refused command appended %d times and read %d times", store.appends, store.reads)
	}
}
