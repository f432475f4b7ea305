package loadgen_test

import (
	"encoding/json"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
)

func TestPayloadIsRealistic(t *testing.T) {
	p := loadgen.Payload(63, 123456)
	if !json.Valid(p) || len(p) < 250 || len(p) > 400 {
		t.Fatalf("payload of %d bytes, valid JSON %v: %s", len(p), json.Valid(p), p)
	}
	if string(loadgen.Payload(1, 2)) == string(loadgen.Payload(2, 1)) {
		t.Fatal("payloads repeat across writers")
	}
}

func TestAppendCountsEveryEvent(t *testing.T) {
	s := sqlitetest.Open(t)
	for range 2 { // a second run on the same store uses new streams
		res, err := loadgen.Append(t.Context(), s, 4, 25)
		if err != nil {
			t.Fatal(err)
		}
		if res.Events != 100 || res.Writers != 4 || res.Duration <= 0 || res.PerSec <= 0 {
			t.Fatalf("result %+v", res)
		}
	}
	if h, _ := s.Head(t.Context()); h != 200 {
		t.Fatalf("head %d, want 200", h)
	}
}
