package storetest

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

var idempotencyTests = []namedTest{
	{"RetryReturnsStoredRecords", testRetryReturnsStored},
	{"RetryOfMultiStreamAppend", testRetryMultiStream},
	{"RetryIgnoresMetadataAndJSONSpacing", testRetryIgnoresMetadata},
	{"SameIDOtherContent", testSameIDOtherContent},
	{"MixedRepeatAndNewIsRefused", testMixedRepeat},
}

func testRetryReturnsStored(t *testing.T, s event.Store) {
	ps := pendings(3)
	first := mustAppend(t, s, write("lot", event.NoStream, ps...))
	mustAppend(t, s, write("lot", event.Exact(3), pending(4)))
	head := mustHead(t, s)

	// The stream has moved on, so NoStream would now fail: a retry must not care.
	again := mustAppend(t, s, write("lot", event.NoStream, ps...))
	sameRecords(t, "retry", first, again)
	if h := mustHead(t, s); h != head {
		t.Fatalf("retry moved head %d -> %d", head, h)
	}
	if got := mustReadStream(t, s, "lot", 0); len(got) != 4 {
		t.Fatalf("stream holds %d events after retry, want 4", len(got))
	}
}

func testRetryMultiStream(t *testing.T, s event.Store) {
	a, b := pendings(2), pendings(1)
	ws := []event.Write{write("a", event.NoStream, a...), write("b", event.NoStream, b...)}
	first := mustAppend(t, s, ws...)
	again := mustAppend(t, s, ws...)
	sameRecords(t, "retry", first, again)
	wantHead(t, s, 3)
}

func testRetryIgnoresMetadata(t *testing.T, s event.Store) {
	p := pending(1)
	p.Data = json.RawMessage(`{"n":1,"lot":"L-1"}`)
	first := mustAppend(t, s, write("lot", event.NoStream, p))

	retry := p
	retry.Data = json.RawMessage("{ \"n\": 1,\n  \"lot\": \"L-1\" }")
	retry.Metadata.OccurredAt = p.Metadata.OccurredAt.Add(time.Minute)
	retry.Metadata.CorrelationID = "another-try"
	again := mustAppend(t, s, write("lot", event.Any, retry))
	sameRecords(t, "retry", first, again)
	wantHead(t, s, 1)
}

func testSameIDOtherContent(t *testing.T, s event.Store) {
	p := pending(1)
	mustAppend(t, s, write("lot", event.NoStream, p))
	cases := []struct {
		name   string
		stream string
		mod    func(*event.Pending)
	}{
		{"OtherData", "lot", func(q *event.Pending) { q.Data = json.RawMessage(`{"n":2}`) }},
		{"OtherType", "lot", func(q *event.Pending) { q.Type = "storetest.other.v1" }},
		{"OtherStream", "elsewhere", func(q *event.Pending) {}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := p
			tc.mod(&q)
			_, err := s.Append(t.Context(), write(tc.stream, event.Any, q))
			if !errors.Is(err, event.ErrDuplicateID) {
				t.Fatalf("err = %v, want ErrDuplicateID", err)
			}
			wantHead(t, s, 1)
		})
	}
}

func testMixedRepeat(t *testing.T, s event.Store) {
	old := pending(1)
	mustAppend(t, s, write("lot", event.NoStream, old))
	cases := []struct {
		name   string
		writes []event.Write
	}{
		{"SameStream", []event.Write{write("lot", event.Any, old, pending(2))}},
		{"NewFirst", []event.Write{write("lot", event.Any, pending(3), old)}},
		{"OtherStream", []event.Write{write("lot", event.Any, old), write("other", event.NoStream, pending(4))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Append(t.Context(), tc.writes...)
			if !errors.Is(err, event.ErrDuplicateID) {
				t.Fatalf("err = %v, want ErrDuplicateID", err)
			}
			if h := mustHead(t, s); h != 1 {
				t.Fatalf("head %d, want 1: nothing of a refused append may be written", h)
			}
		})
	}
}
