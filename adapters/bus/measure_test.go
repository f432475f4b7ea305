package bus_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/bus/natstest"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
)

// TestMeasurePublish runs MeasurePublish on both buses: on TRACELEDGER_BUS_EVENTS
// events (default 2,000, so the test stays quick; docs/benchmarks.md used
// 50,000) with a Router consumer acknowledging on the in-process bus.
func TestMeasurePublish(t *testing.T) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("TRACELEDGER_BUS_EVENTS")); err == nil && v > 0 {
		n = v
	}
	store := sqlitetest.Open(t)
	appendN(t, store, n)

	gc := bus.NewGoChannel(nil)
	defer gc.Close()
	runRouter(t, gc, newSeen(), "traceledger.batch", "traceledger.recall")
	r, err := bus.MeasurePublish(t.Context(), store, gc)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("GoChannel (with a Router consumer): %s", r)

	srv := natstest.Start(t)
	js, err := bus.DialJetStream(t.Context(), srv.URL(), bus.JetStreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer js.Close()
	r, err = bus.MeasurePublish(t.Context(), store, js)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("NATS JetStream (in-process server, file storage): %s", r)
	if r.Forwarder <= 0 || r.Raw <= 0 {
		t.Fatalf("rates %+v", r)
	}
}
