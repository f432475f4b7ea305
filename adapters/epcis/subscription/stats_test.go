package subscription

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// An operator sees, per subscription, the tries its receiver refused since
// the last delivery, why the last one failed, and when one last arrived.
func TestDeliveryStatsCountRefusalsUntilTheReceiverTakesOne(t *testing.T) {
	var tries atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tries.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	d := &Deliverer{}
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	var failuresSeen []int
	d.Poster = Poster{Backoff: time.Millisecond, Report: func(delivery string, err error) {
		d.stats.report(delivery, err, now)
		failuresSeen = append(failuresSeen, d.Stats("sub").Failures)
	}}
	if err := d.Poster.Post(t.Context(), srv.URL, "", DeliveryID("sub", "ev"), "", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if len(failuresSeen) != 3 || failuresSeen[0] != 1 || failuresSeen[1] != 2 || failuresSeen[2] != 0 {
		t.Errorf("failures after each try = %v, want [1 2 0]", failuresSeen)
	}
	st := d.Stats("sub")
	if !st.LastDeliveredAt.Equal(now) || st.LastError == "" || st.Failures != 0 {
		t.Errorf("stats = %+v, want delivered now, the last refusal kept, no failures since", st)
	}
	if other := d.Stats("other"); !other.LastDeliveredAt.IsZero() || other.Failures != 0 {
		t.Errorf("another subscription's stats = %+v, want none", other)
	}
}
