package clickhouse

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/projections/runner"
)

// Every event of the demo reaches ClickHouse once, and the daily views add
// up to the events they were fed.
func TestSinkIngestsDemo(t *testing.T) {
	st := demoStore(t)
	srv, c := open(t)
	h := head(t, st)
	s := start(t, c, st, testOptions)
	waitFor(t, s.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)

	sold := uint64Query(t, srv, "SELECT toUInt64(sum(quantity)) FROM {db}.events WHERE type = 'goods.sold.v1'")
	if sold == 0 {
		t.Fatal("no units sold in the events table")
	}
	if got := uint64Query(t, srv, "SELECT toUInt64(sum(units_sold)) FROM {db}.enterprise_daily"); got != sold {
		t.Errorf("enterprise_daily units_sold: got %d, want %d (events)", got, sold)
	}
	if got := uint64Query(t, srv, "SELECT toUInt64(sum(units_sold)) FROM {db}.category_daily"); got != sold {
		t.Errorf("category_daily units_sold: got %d, want %d (every sold product has a category)", got, sold)
	}
	resolved := uint64Query(t, srv, "SELECT count() FROM {db}.events WHERE type = 'complaint.resolved.v1' AND result = 'substantiated'")
	if got := uint64Query(t, srv, "SELECT toUInt64(sum(complaints_substantiated)) FROM {db}.enterprise_daily"); got != resolved {
		t.Errorf("enterprise_daily complaints_substantiated: got %d, want %d", got, resolved)
	}
	// Every event is about an enterprise, except a few that name none.
	if n := uint64Query(t, srv, "SELECT count() FROM {db}.events WHERE enterprise = ''"); n != 0 {
		t.Errorf("%d events with no enterprise", n)
	}
	for _, st := range s.Statuses() {
		if st.Err != nil || st.Position != h || st.Folded != h || st.Rows != h {
			t.Errorf("status %+v: want position, folded and rows %d, no error", st, h)
		}
	}
	m := gauges(t, s.Sink, "events")
	if m["traceledger_clickhouse_sink_lag_events"] != 0 || m["traceledger_clickhouse_sink_position"] != float64(h) ||
		m["traceledger_clickhouse_sink_rows_total"] != float64(h) || m["traceledger_clickhouse_sink_failing"] != 0 {
		t.Errorf("metrics %v: want lag 0, position and rows %d, not failing", m, h)
	}
}

// A new sink over a table that holds part of the log writes only the rest.
func TestSinkResumesWithoutDoubling(t *testing.T) {
	st := demoStore(t)
	srv, c := open(t)
	h := head(t, st)
	first := start(t, c, st, testOptions)
	waitFor(t, first.Sink, h, time.Minute)
	if err := first.stop(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	// Lose the tail, as if the first run had stopped before writing it.
	srv.MustQuery("ALTER TABLE " + chtest.Database + ".events DELETE WHERE position > 5000")
	waitMutations(t, srv)
	if got := uint64Query(t, srv, "SELECT count() FROM {db}.events"); got != 5000 {
		t.Fatalf("rows after deleting the tail: %d, want 5000", got)
	}
	second := start(t, c, st, testOptions)
	waitFor(t, second.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)
	if got := second.Statuses()[0].Rows; got != h-5000 {
		t.Errorf("second run inserted %d rows, want %d", got, h-5000)
	}
	// A third run over a complete table writes nothing.
	third := start(t, c, st, testOptions)
	waitFor(t, third.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)
	if got := third.Statuses()[0].Rows; got != 0 {
		t.Errorf("third run inserted %d rows, want 0", got)
	}
}

func waitMutations(t *testing.T, srv *chtest.Server) {
	t.Helper()
	for range 300 {
		if uint64Query(t, srv, "SELECT count() FROM system.mutations WHERE is_done = 0") == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("mutation did not finish")
}

// An insert that ClickHouse wrote but whose answer was lost is not written
// again: the sink finds its rows before retrying.
func TestFailedInsertThatWasWrittenIsNotDoubled(t *testing.T) {
	st := demoStore(t)
	srv, c := open(t)
	h := head(t, st)
	var lost atomic.Int32
	s := NewSink(c, st, testOptions, NewEventsTable())
	s.afterInsert = func(table string) error {
		if lost.Add(1) <= 2 { // the first two acknowledgements are lost
			return errors.New("connection reset (injected)")
		}
		return nil
	}
	r := startSink(t, s)
	waitFor(t, r.Sink, h, time.Minute)
	assertExactlyOnce(t, srv, h)
	if st := r.Statuses()[0]; st.Failures != 2 || st.Rows != h || st.Err != nil {
		t.Errorf("status %+v: want 2 failures, %d rows, no error left", st, h)
	}
}

// A row a table's columns do not take stops that table only; the events
// table goes on.
func TestBadRowStopsItsTableOnly(t *testing.T) {
	st := demoStore(t)
	_, c := open(t)
	h := head(t, st)
	s := start(t, c, st, testOptions, NewEventsTable(), badTable{})
	deadline := time.Now().Add(time.Minute)
	for {
		sts := s.Statuses()
		if sts[0].Position == h && sts[1].Stopped {
			if sts[1].Err == nil || sts[1].Position != 0 {
				t.Fatalf("stopped table status %+v: want its error and position 0", sts[1])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("statuses %+v: want events at %d and bad stopped", sts, h)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// Rows whose columns mix Go types go in row by row, converted by the
// client; rows of one type per column go a column at a time. Both land.
func TestMixedRowsGoInRowByRow(t *testing.T) {
	st := demoStore(t)
	srv, c := open(t)
	h := head(t, st)
	s := start(t, c, st, testOptions, mixedTable{})
	waitFor(t, s.Sink, h, time.Minute)
	if got := uint64Query(t, srv, "SELECT count() FROM {db}.mixed"); got != h {
		t.Errorf("rows: got %d, want %d", got, h)
	}
	if got := uint64Query(t, srv, "SELECT toUInt64(sum(n)) FROM {db}.mixed"); got != h*(h+1)/2 {
		t.Errorf("sum of n: got %d, want %d", got, h*(h+1)/2)
	}
}

// mixedTable's n is an int64 on even positions and an int on odd ones.
type mixedTable struct{}

func (mixedTable) Name() string { return "mixed" }
func (mixedTable) Migrations() []string {
	return []string{"CREATE TABLE IF NOT EXISTS {db}.mixed (position UInt64, n Int64) ENGINE = MergeTree() ORDER BY position"}
}
func (mixedTable) Columns() []string { return []string{"position", "n"} }
func (mixedTable) Fold(env runner.Envelope) [][]any {
	if env.Position%2 == 0 {
		return [][]any{{env.Position, int64(env.Position)}}
	}
	return [][]any{{env.Position, int(env.Position)}}
}
func (mixedTable) Reset() {}
