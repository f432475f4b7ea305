package bus_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/bus/natstest"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
)

// streamIDs reads every message of TRACELEDGER and counts its Nats-Msg-Id.
func streamIDs(t *testing.T, nc *nats.Conn) (map[string]int, uint64) {
	t.Helper()
	js, err := nc.JetStream()
	if err != nil {
		t.Fatal(err)
	}
	info, err := js.StreamInfo(bus.StreamName)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := js.GetMsg(bus.StreamName, seq)
		if err != nil {
			t.Fatalf("message %d: %v", seq, err)
		}
		ids[m.Header.Get(nats.MsgIdHdr)]++
	}
	return ids, info.State.Msgs
}

// With commands arriving all along, NATS goes away and comes back, then the
// forwarder restarts without its checkpoint: stream TRACELEDGER still holds
// every event of the log exactly once, and a durable Router consumer sees
// each of them.
func TestJetStreamExactlyOnceAcrossNATSRestart(t *testing.T) {
	srv := natstest.Start(t)
	store := sqlitetest.Open(t)
	ps, err := bus.DialJetStream(t.Context(), srv.URL(), bus.JetStreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	s := newSeen()
	runRouter(t, ps, s, "traceledger.batch", "traceledger.recall")
	cp := ps.Checkpoint(t.TempDir())
	f, stop := runForwarder(t, store, ps, bus.ForwarderOptions{Checkpoint: cp, MaxBackoff: 200 * time.Millisecond})

	var appending sync.WaitGroup
	var quit atomic.Bool
	appending.Go(func() {
		for !quit.Load() {
			appendN(t, store, 5)
			time.Sleep(2 * time.Millisecond)
		}
	})
	eventually(t, 10*time.Second, "some events published", func() bool { return f.Position() > 100 })
	srv.Stop()
	time.Sleep(700 * time.Millisecond)
	srv.Restart()
	eventually(t, 20*time.Second, "publishing again after the restart", func() bool { return f.Position() > 400 })
	quit.Store(true)
	appending.Wait()
	head, err := store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 20*time.Second, "the forwarder at the head", func() bool { return f.Position() == head })
	stop()
	if f.Failures() == 0 {
		t.Error("the outage caused no failed publish: it was not an outage")
	}

	// A restarted forwarder asks the stream where it stopped.
	appendN(t, store, 20)
	head += 20
	f2, stop2 := runForwarder(t, store, ps, bus.ForwarderOptions{Checkpoint: cp})
	eventually(t, 10*time.Second, "the second forwarder at the head", func() bool { return f2.Position() == head })
	stop2()

	ids, msgs := streamIDs(t, ps.Conn())
	if msgs != head {
		t.Errorf("stream %s holds %d messages, the log %d events", bus.StreamName, msgs, head)
	}
	recs, err := store.ReadAll(t.Context(), 0, int(head)+1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if n := ids[r.ID.String()]; n != 1 {
			t.Errorf("event %d (%s) is %d times in the stream", r.Position, r.ID, n)
		}
	}
	eventually(t, 20*time.Second, "the consumer sees every event", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return uint64(len(s.ids)) == head
	})
	t.Logf("%d events, %d failed publish attempts during the outage, %d deliveries to the consumer", head, f.Failures(), s.count())
}

// TestNewJetStreamDestinationReceivesTheWholeLog: a ledger whose events
// all went to the in-process bus (its checkpoint at the head) is then
// started with NATS: the new stream still receives every event of the log,
// each once, because the in-process checkpoint belongs to the in-process
// bus alone.
func TestNewJetStreamDestinationReceivesTheWholeLog(t *testing.T) {
	store := sqlitetest.Open(t)
	data := t.TempDir()
	appendN(t, store, 50)
	head, err := store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	inproc := bus.NewGoChannel(nil)
	defer inproc.Close()
	f, stop := runForwarder(t, store, inproc, bus.ForwarderOptions{Checkpoint: inproc.Checkpoint(data)})
	eventually(t, 10*time.Second, "the in-process forwarder at the head", func() bool { return f.Position() == head })
	stop()
	if p, err := inproc.Checkpoint(data).Load(t.Context()); err != nil || p != head {
		t.Fatalf("in-process checkpoint = %d, %v; want the head %d", p, err, head)
	}

	srv := natstest.Start(t)
	ps, err := bus.DialJetStream(t.Context(), srv.URL(), bus.JetStreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	if p, err := ps.Checkpoint(data).Load(t.Context()); err != nil || p != 0 {
		t.Fatalf("a new stream's checkpoint = %d, %v; want 0", p, err)
	}
	f2, stop2 := runForwarder(t, store, ps, bus.ForwarderOptions{Checkpoint: ps.Checkpoint(data)})
	eventually(t, 10*time.Second, "the JetStream forwarder at the head", func() bool { return f2.Position() == head })
	stop2()
	ids, msgs := streamIDs(t, ps.Conn())
	if msgs != head || uint64(len(ids)) != head {
		t.Errorf("stream %s holds %d messages of %d events; the log has %d", bus.StreamName, msgs, len(ids), head)
	}
}
