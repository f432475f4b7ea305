package subscription

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/notify"
)

func TestADeliveryIsRetriedUntilTheReceiverTakesItEvenAfterARefusal(t *testing.T) {
	var tries atomic.Int32
	var sig, id string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch tries.Add(1) {
		case 1:
			w.WriteHeader(http.StatusBadRequest) // even a 4xx: no event is skipped
		case 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			if !notify.Verify("tok", body, r.Header.Get(SignatureHeader)) {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			sig, id = r.Header.Get(notify.SignatureHeader), r.Header.Get(notify.DeliveryHeader)
			w.WriteHeader(http.StatusOK)
		}
	}))
	defer srv.Close()
	p := Poster{Backoff: time.Millisecond}
	if err := p.Post(t.Context(), srv.URL, "tok", DeliveryID("sub", "ev"), "batch.registered.v1", []byte(`{"type":"EPCISQueryDocument"}`)); err != nil {
		t.Fatal(err)
	}
	if tries.Load() != 3 || sig == "" || id != "sub/ev" {
		t.Fatalf("%d tries, signature %q, delivery %q: want 3, signed, sub/ev", tries.Load(), sig, id)
	}
}

func TestACheckpointIsKeptPerSubscription(t *testing.T) {
	c, err := OpenCheckpoints(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := c.Load("a"); ok || err != nil {
		t.Fatalf("a new subscription has a checkpoint (%v, %v)", ok, err)
	}
	if err := c.Save("a", 7); err != nil {
		t.Fatal(err)
	}
	if pos, ok, _ := c.Load("a"); !ok || pos != 7 {
		t.Fatalf("Load(a) = %d, %v, want 7", pos, ok)
	}
	if _, ok, _ := c.Load("b"); ok {
		t.Fatal("b has a's checkpoint")
	}
	if err := c.Save("../escape", 1); err == nil {
		t.Fatal("an id naming another directory was saved")
	}
}
