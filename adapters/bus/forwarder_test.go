package bus_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/domain/event"
)

func TestTopicIsTheTypesCategory(t *testing.T) {
	for typ, want := range map[string]string{
		"recall.started.v1":         "traceledger.recall",
		"batch.produced.v1":         "traceledger.batch",
		"recall.holder_notified.v1": "traceledger.recall",
		"":                          "traceledger.unknown",
	} {
		if got := bus.Topic(typ); got != want {
			t.Errorf("Topic(%q) = %q, want %q", typ, got, want)
		}
	}
}

// runForwarder runs a forwarder until the returned stop is called.
func runForwarder(t *testing.T, store event.Store, ps bus.PubSub, o bus.ForwarderOptions) (*bus.Forwarder, func()) {
	t.Helper()
	f := bus.NewForwarder(store, ps.Publisher(), o)
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := f.Run(ctx); err != nil {
			t.Errorf("forwarder: %v", err)
		}
	})
	return f, func() { cancel(); wg.Wait() }
}

// runRouter runs a router with one consumer per topic recording what it
// sees; it stops when the test ends.
func runRouter(t *testing.T, ps bus.PubSub, s *seen, topics ...string) {
	t.Helper()
	r, err := bus.NewRouter(ps, bus.RouterOptions{Registerer: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	for _, topic := range topics {
		sub, err := ps.Subscriber("test")
		if err != nil {
			t.Fatal(err)
		}
		r.AddConsumerHandler("seen-"+topic, topic, sub, func(m *message.Message) error {
			pos, err := bus.Position(m)
			if err != nil {
				return err
			}
			s.add(m.UUID, pos)
			return nil
		})
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.Run(ctx); err != nil {
			t.Errorf("router: %v", err)
		}
	}()
	<-r.Running()
	t.Cleanup(func() { cancel(); <-done })
}

// In process: every event reaches the consumers once, with its metadata;
// a restarted forwarder resumes after its checkpoint.
func TestForwarderInProcessResumesFromCheckpoint(t *testing.T) {
	store := sqlitetest.Open(t)
	ps := bus.NewGoChannel(nil)
	defer ps.Close()
	s := newSeen()
	runRouter(t, ps, s, "traceledger.batch", "traceledger.recall")
	cp := bus.NewFileCheckpoint(filepath.Join(t.TempDir(), "bus.checkpoint"))

	appendN(t, store, 60)
	f, stop := runForwarder(t, store, ps, bus.ForwarderOptions{Checkpoint: cp})
	eventually(t, 10*time.Second, "60 messages", func() bool { return s.count() == 60 })
	stop()
	if f.Position() != 60 {
		t.Fatalf("forwarder position %d, want 60", f.Position())
	}
	if p, err := cp.Load(t.Context()); err != nil || p != 60 {
		t.Fatalf("checkpoint = %d, %v; want 60", p, err)
	}

	appendN(t, store, 30)
	_, stop = runForwarder(t, store, ps, bus.ForwarderOptions{Checkpoint: cp})
	defer stop()
	eventually(t, 10*time.Second, "90 messages", func() bool { return s.count() == 90 })
	time.Sleep(100 * time.Millisecond)
	if s.count() != 90 {
		t.Fatalf("%d messages, want 90", s.count())
	}
	recs, err := store.ReadAll(t.Context(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if n := s.ids[r.ID.String()]; n != 1 {
			t.Errorf("event %d (%s) seen %d times", r.Position, r.ID, n)
		}
	}
}

func TestMessageCarriesTheRecord(t *testing.T) {
	store := sqlitetest.Open(t)
	appendN(t, store, 1)
	recs, err := store.ReadAll(t.Context(), 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	m := bus.Message(recs[0])
	if m.UUID != recs[0].ID.String() || m.Metadata.Get(bus.MetaType) != "recall.started.v1" ||
		m.Metadata.Get(bus.MetaStream) != "s-0" || m.Metadata.Get(bus.MetaPosition) != "1" || string(m.Payload) != string(recs[0].Data) {
		t.Fatalf("message %s %v %s does not carry record %+v", m.UUID, m.Metadata, m.Payload, recs[0])
	}
}

// TestInProcessBusLogsNoLinePerUnconsumedEvent: publishing events nobody
// subscribes to writes nothing at Info, however long the log.
func TestInProcessBusLogsNoLinePerUnconsumedEvent(t *testing.T) {
	var out bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo}))
	store := sqlitetest.Open(t)
	appendN(t, store, 30)
	ps := bus.NewGoChannel(watermill.NewSlogLogger(logger))
	defer ps.Close()
	f, stop := runForwarder(t, store, ps, bus.ForwarderOptions{})
	eventually(t, 10*time.Second, "the forwarder at the head", func() bool { return f.Position() == 30 })
	stop()
	if n := strings.Count(out.String(), "\n"); n > 3 {
		t.Errorf("publishing 30 unconsumed events wrote %d lines at Info:\n%s", n, out.String())
	}
}
