package benchmark

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// The reads wait until the model store has run no compaction for a while,
// and the wait counts from the head to the start of that quiet spell.
func TestReadsWaitForTheModelStoreToStopCompacting(t *testing.T) {
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		running := 0
		if asked.Add(1) <= 5 {
			running = 1
		}
		fmt.Fprintf(w, "# TYPE traceledger_model_store_compactions_running gauge\ntraceledger_model_store_compactions_running %d\n", running)
	}))
	defer srv.Close()
	took, ok, err := settled(t.Context(), srv.Client(), srv.URL)
	if err != nil || !ok {
		t.Fatalf("settled: ok %v, err %v", ok, err)
	}
	if took < 400*time.Millisecond {
		t.Errorf("settled after %v; five asks 100 ms apart found a compaction running", took)
	}
	if n := asked.Load(); n < 5+int64(settleQuiet/(100*time.Millisecond)) {
		t.Errorf("asked %d times; want the quiet spell of %v watched", n, settleQuiet)
	}
}

// A server that does not report its model store's compactions is an error,
// not a settled store.
func TestAServerWithoutTheCompactionMetricIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "traceledger_projection_position{projection=\"trace\"} 7")
	}))
	defer srv.Close()
	if _, ok, err := settled(t.Context(), srv.Client(), srv.URL); err == nil || ok {
		t.Fatalf("settled without the metric: ok %v, err %v", ok, err)
	}
}
