package clickhouse

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
)

// ClickHouse dies (SIGKILL, inserts cut off wherever they are) while the
// ledger keeps recording commands and the sink is ingesting; it is down
// for a while, then comes back. Every event reaches it exactly once.
func TestOutageDuringIngest(t *testing.T) {
	st := newStore(t)
	srv, c := open(t)
	s := start(t, c, st, testOptions)

	appended := make(chan error, 1)
	go func() { appended <- appendDemo(t.Context(), st, 3000) }()

	// Let the sink write part of the log, then kill the server mid-stream.
	deadline := time.Now().Add(time.Minute)
	for s.Position("events") < 2000 {
		if time.Now().After(deadline) {
			t.Fatalf("sink did not start writing: %+v", s.Statuses())
		}
		time.Sleep(5 * time.Millisecond)
	}
	srv.Kill()
	killedAt := head(t, st)
	time.Sleep(700 * time.Millisecond) // a few failed attempts, commands still appended
	if st := s.Statuses()[0]; st.Err == nil {
		t.Errorf("status during the outage has no error: %+v", st)
	}
	if m := gauges(t, s.Sink, "events"); m["traceledger_clickhouse_sink_failing"] != 1 || m["traceledger_clickhouse_sink_lag_events"] == 0 {
		t.Errorf("metrics during the outage %v: want failing and a lag", m)
	}
	during := head(t, st)
	srv.Restart()

	if err := <-appended; err != nil {
		t.Fatalf("commands during the outage: %v", err)
	}
	h := head(t, st)
	if during <= killedAt || h <= during {
		t.Logf("note: commands were not appended all through the outage (heads %d, %d, %d)", killedAt, during, h)
	}
	waitFor(t, s.Sink, h, 2*time.Minute)
	assertExactlyOnce(t, srv, h)
	t.Logf("heads: at the kill %d, before the restart %d, at the end %d; status %+v", killedAt, during, h, s.Statuses()[0])
	if st := s.Statuses()[0]; st.Err != nil || st.Failures == 0 {
		t.Errorf("status after recovery %+v: want failures counted and no error left", st)
	}

	// The sink's own restart after the outage writes nothing more.
	if err := s.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	again := start(t, c, st, testOptions)
	waitFor(t, again.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)
}

// A sink built while ClickHouse is down (Dial does not need the server)
// waits for it, then creates the database and tables and catches up.
func TestSinkStartsWhileClickHouseIsDown(t *testing.T) {
	st := demoStore(t)
	srv := chtest.Start(t)
	srv.Stop()
	c, err := Dial(srv.DSN)
	if err != nil {
		t.Fatalf("Dial with the server down: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	s := start(t, c, st, testOptions)
	time.Sleep(300 * time.Millisecond)
	if st := s.Statuses()[0]; st.Err == nil || st.Position != 0 {
		t.Errorf("status with the server down: %+v, want an error and position 0", st)
	}
	srv.Restart()
	h := head(t, st)
	waitFor(t, s.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)
}
