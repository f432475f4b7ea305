package storetest

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// keyTests check idempotency keys: recorded in the append of their events,
// found again with those records, and never recorded twice.
var keyTests = []namedTest{
	{"KeyIsFoundWithItsRecords", testKeyFoundWithRecords},
	{"RecordedKeyAppendsNothing", testRecordedKeyAppendsNothing},
	{"KeysAreScoped", testKeysAreScoped},
	{"RefusedAppendRecordsNoKey", testRefusedAppendRecordsNoKey},
	{"RacingKeyedAppendsOneWins", testRacingKeyedAppends},
}

func key(scope, k string) event.Key {
	return event.Key{Scope: scope, Key: k, RequestHash: "hash-" + k, Result: json.RawMessage(`{"shipment_id":"s-1"}`)}
}

func mustLookup(t *testing.T, s event.Store, scope, k string) event.Keyed {
	t.Helper()
	got, found, err := s.LookupKey(t.Context(), scope, k)
	if err != nil || !found {
		t.Fatalf("LookupKey(%q, %q) = found %v, %v; want found", scope, k, found, err)
	}
	return got
}

func testKeyFoundWithRecords(t *testing.T, s event.Store) {
	mustAppend(t, s, write("before", event.NoStream, pending(1)))
	k := key("tok-1", "k-1")
	recs, err := s.AppendKeyed(t.Context(), k, write("a", event.NoStream, pendings(2)...), write("b", event.Any, pending(3)))
	if err != nil {
		t.Fatalf("AppendKeyed: %v", err)
	}
	got := mustLookup(t, s, "tok-1", "k-1")
	if got.Key.Scope != k.Scope || got.Key.Key != k.Key || got.Key.RequestHash != k.RequestHash {
		t.Errorf("key = %+v, want %+v", got.Key, k)
	}
	var want, have map[string]any
	_ = json.Unmarshal(k.Result, &want)
	if err := json.Unmarshal(got.Key.Result, &have); err != nil || have["shipment_id"] != want["shipment_id"] {
		t.Errorf("result = %s, want %s", got.Key.Result, k.Result)
	}
	sameRecords(t, "keyed records", recs, got.Records)
}

func testRecordedKeyAppendsNothing(t *testing.T, s event.Store) {
	first, err := s.AppendKeyed(t.Context(), key("tok-1", "k"), write("a", event.NoStream, pending(1)))
	if err != nil {
		t.Fatalf("AppendKeyed: %v", err)
	}
	// Another command under the same key (a retry decided again, with new
	// event ids) is refused whole.
	_, err = s.AppendKeyed(t.Context(), key("tok-1", "k"), write("b", event.NoStream, pending(2)))
	if !errors.Is(err, event.ErrKeyRecorded) {
		t.Fatalf("second AppendKeyed = %v, want ErrKeyRecorded", err)
	}
	if h := mustHead(t, s); h != 1 {
		t.Errorf("head %d after a refused key, want 1", h)
	}
	if recs := mustReadStream(t, s, "b", 0); len(recs) != 0 {
		t.Errorf("stream b has %d records, want none", len(recs))
	}
	sameRecords(t, "first answer", first, mustLookup(t, s, "tok-1", "k").Records)
}

func testKeysAreScoped(t *testing.T, s event.Store) {
	if _, err := s.AppendKeyed(t.Context(), key("tok-1", "k"), write("a", event.NoStream, pending(1))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppendKeyed(t.Context(), key("tok-2", "k"), write("b", event.NoStream, pending(2))); err != nil {
		t.Fatalf("another scope's key: %v", err)
	}
	if _, found, err := s.LookupKey(t.Context(), "tok-3", "k"); found || err != nil {
		t.Errorf("unknown scope = found %v, %v; want not found", found, err)
	}
	if got := mustLookup(t, s, "tok-2", "k"); got.Records[0].Stream != "b" {
		t.Errorf("tok-2's key names stream %q, want b", got.Records[0].Stream)
	}
}

func testRefusedAppendRecordsNoKey(t *testing.T, s event.Store) {
	mustAppend(t, s, write("a", event.NoStream, pending(1)))
	_, err := s.AppendKeyed(t.Context(), key("tok-1", "k"), write("a", event.NoStream, pending(2)))
	wantConcurrency(t, err, "a")
	if _, found, err := s.LookupKey(t.Context(), "tok-1", "k"); found || err != nil {
		t.Fatalf("key of a refused append = found %v, %v; want not found", found, err)
	}
	if _, err := s.AppendKeyed(t.Context(), key("tok-1", "k"), write("a", event.Exact(1), pending(3))); err != nil {
		t.Fatalf("the key after a refusal: %v", err)
	}
}

func testRacingKeyedAppends(t *testing.T, s event.Store) {
	wins, errs := raceOnKey(t, func(int) event.Store { return s })
	if wins != 1 || len(errs) > 0 {
		t.Errorf("%d appends won, other errors %v; want exactly one win and ErrKeyRecorded for the rest", wins, errs)
	}
	if h := mustHead(t, s); h != 1 {
		t.Errorf("head %d, want 1", h)
	}
}

// raceOnKey appends under one idempotency key from eight goroutines, the
// i-th to store(i), and counts the appends that won and the errors other
// than event.ErrKeyRecorded.
func raceOnKey(t *testing.T, store func(i int) event.Store) (wins int, errs []error) {
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for i := range 8 {
		s := store(i)
		wg.Go(func() {
			_, err := s.AppendKeyed(t.Context(), key("tok-1", "same"), write("s", event.Any, pending(i)))
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				wins++
			} else if !errors.Is(err, event.ErrKeyRecorded) {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return wins, errs
}
