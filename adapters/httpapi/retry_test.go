package httpapi_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// A command whose append meets a stream another writer moved is decided
// again a few times before the conflict is answered; refusals of the domain
// are not retried.
func TestConcurrencyConflictsAreDecidedAgain(t *testing.T) {
	f := newFixture(t, nil)
	f.cmds.Err = &event.ConcurrencyError{Stream: "batch-x", Expected: event.Exact(1), Actual: 2}
	rec := f.do(t, "POST", "/api/v1/penalties", regToken, `{"enterprise_uscc":"x","authority":"a","amount_cny":1,"reason":"r"}`)
	if rec.Code != 409 {
		t.Fatalf("status %d, want 409: %s", rec.Code, rec.Body)
	}
	f.cmds.mu.Lock()
	calls := len(f.cmds.calls)
	f.cmds.mu.Unlock()
	if calls != 3 {
		t.Fatalf("the command ran %d times, want 3", calls)
	}
}
