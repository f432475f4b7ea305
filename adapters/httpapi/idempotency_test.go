package httpapi_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain"
)

func TestIdempotentReplay(t *testing.T) {
	f := newFixture(t, nil)
	body := `{"seller_uscc":"` + usccA + `","channel":"shop","items":["a"]}`
	first := f.do(t, "POST", "/api/v1/sales", entToken, body, "Idempotency-Key", "k-1")
	if first.Code != 201 {
		t.Fatalf("first = %d %s", first.Code, first.Body)
	}
	again := f.do(t, "POST", "/api/v1/sales", entToken, body, "Idempotency-Key", "k-1")
	if again.Code != first.Code || again.Body.String() != first.Body.String() {
		t.Errorf("replay = %d %s, want %d %s", again.Code, again.Body, first.Code, first.Body)
	}
	if again.Header().Get(httpapi.PositionHeader) != first.Header().Get(httpapi.PositionHeader) || again.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay headers = %v", again.Header())
	}
	if n := len(f.cmds.Calls()); n != 1 {
		t.Errorf("the command ran %d times, want 1", n)
	}
	if head, _ := f.store.Head(t.Context()); head != 1 {
		t.Errorf("log head %d, want 1: the replay appended", head)
	}

	// The same key with another body, or on another path, is a conflict.
	wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, strings.Replace(body, "shop", "online", 1), "Idempotency-Key", "k-1"), 409, "conflict", "Idempotency-Key")
	wantError(t, f.do(t, "POST", "/api/v1/inspections", entToken, body, "Idempotency-Key", "k-1"), 409, "conflict", "Idempotency-Key")

	// Keys are scoped by token: another token's k-1 is its own.
	if rec := f.do(t, "POST", "/api/v1/sales", regToken, body, "Idempotency-Key", "k-1"); rec.Code != 201 || rec.Body.String() == first.Body.String() {
		t.Errorf("another token's key = %d %s, want a fresh 201", rec.Code, rec.Body)
	}
	if n := len(f.cmds.Calls()); n != 2 {
		t.Errorf("the command ran %d times, want 2", n)
	}
}

// A refused command appended nothing, so it is not kept: the retry runs.
func TestIdempotencyKeepsOnlySuccesses(t *testing.T) {
	f := newFixture(t, nil)
	f.cmds.Err = domain.Conflict("batch_recalled", "batch is recalled")
	wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, `{}`, "Idempotency-Key", "k"), 409, "conflict", "")
	f.cmds.Err = nil
	if rec := f.do(t, "POST", "/api/v1/sales", entToken, `{}`, "Idempotency-Key", "k"); rec.Code != 201 {
		t.Errorf("retry after a refusal = %d, want 201", rec.Code)
	}
	// A body that does not decode is not kept either.
	wantError(t, f.do(t, "POST", "/api/v1/batches", entToken, `{"x":1}`, "Idempotency-Key", "k2"), 400, "invalid", "x")
	if rec := f.do(t, "POST", "/api/v1/batches", entToken, `{}`, "Idempotency-Key", "k2"); rec.Code != 201 {
		t.Errorf("fixed body after a 400 = %d, want 201", rec.Code)
	}
}

func TestIdempotencyConcurrentRetries(t *testing.T) {
	f := newFixture(t, nil)
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Go(func() {
			rec := f.do(t, "POST", "/api/v1/sales", entToken, `{"channel":"shop"}`, "Idempotency-Key", "same")
			bodies[i] = rec.Body.String()
		})
	}
	wg.Wait()
	if n := len(f.cmds.Calls()); n != 1 {
		t.Errorf("concurrent retries ran the command %d times, want 1", n)
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Errorf("answers differ: %s vs %s", b, bodies[0])
		}
	}
}

func TestIdempotencyKeyChecks(t *testing.T) {
	f := newFixture(t, nil)
	wantError(t, f.do(t, "POST", "/api/v1/sales", entToken, `{}`, "Idempotency-Key", strings.Repeat("k", 300)), 400, "invalid", "Idempotency-Key")

	g := newFixture(t, func(c *httpapi.Config) { c.Idempotency = nil })
	wantError(t, g.do(t, "POST", "/api/v1/sales", entToken, `{}`, "Idempotency-Key", "k"), 400, "invalid", "Idempotency-Key")
	if rec := g.do(t, "POST", "/api/v1/sales", entToken, `{}`); rec.Code != 201 {
		t.Errorf("without a key = %d", rec.Code)
	}
}

// The replay rebuilds what the records do not hold (the shipment's id, the
// labels) from what the command kept with its key.
func TestIdempotentReplayKeepsCreatedIDs(t *testing.T) {
	f := newFixture(t, nil)
	for path, field := range map[string]string{"/api/v1/shipments": `"shipment_id"`, "/api/v1/labels": `"labels"`} {
		first := f.do(t, "POST", path, entToken, `{}`, "Idempotency-Key", path)
		again := f.do(t, "POST", path, entToken, `{}`, "Idempotency-Key", path)
		if first.Code != 201 || !strings.Contains(first.Body.String(), field) || again.Body.String() != first.Body.String() {
			t.Errorf("%s: first %d %s, replay %s; want %s in both", path, first.Code, first.Body, again.Body, field)
		}
	}
	if n := len(f.cmds.Calls()); n != 2 {
		t.Errorf("the commands ran %d times, want 2", n)
	}
}

// A retry reaching another server on the same store (another replica) gets
// the first answer and appends nothing.
func TestIdempotentRetryThroughAnotherServer(t *testing.T) {
	f := newFixture(t, nil)
	g := f.sibling(t)
	body := `{"channel":"shop"}`
	first := f.do(t, "POST", "/api/v1/sales", entToken, body, "Idempotency-Key", "k")
	again := g.do(t, "POST", "/api/v1/sales", entToken, body, "Idempotency-Key", "k")
	if first.Code != 201 || again.Code != 201 || again.Body.String() != first.Body.String() {
		t.Errorf("first %d %s, through the other server %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if head, _ := f.store.Head(t.Context()); head != 1 {
		t.Errorf("log head %d, want 1", head)
	}
	wantError(t, g.do(t, "POST", "/api/v1/sales", entToken, `{"channel":"online"}`, "Idempotency-Key", "k"), 409, "conflict", "Idempotency-Key")
}
