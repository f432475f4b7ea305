package storetest

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

var closeTests = []namedTest{
	{"AppendAfterCloseFails", testAppendAfterClose},
}

func testAppendAfterClose(t *testing.T, s event.Store) {
	mustAppend(t, s, write("a", event.NoStream, pending(1)))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_ = s.Close() // a second Close may report an error but must not panic
	if _, err := s.Append(t.Context(), write("a", event.Exact(1), pending(2))); err == nil {
		t.Fatal("Append after Close succeeded")
	}
	// Reads may fail after Close; they must not panic or hang.
	_, _ = s.Head(t.Context())
	_, _ = s.ReadAll(t.Context(), 0, 10)
	_, _ = s.ReadStream(t.Context(), "a", 0)
	_ = s.Subscribe(withTimeout(t, 5*time.Second), 0, func(event.Record) error { return nil })
}
