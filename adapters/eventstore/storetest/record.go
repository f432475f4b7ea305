package storetest

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

var recordTests = []namedTest{
	{"KeepsEveryField", testKeepsEveryField},
	{"HashChain", testHashChain},
}

func testKeepsEveryField(t *testing.T, s event.Store) {
	p := pending(1)
	// Data is kept byte for byte, spacing, key order and escapes included.
	p.Data = json.RawMessage("{ \"z\": 1,\n\t\"a\": \"\\u00e9\u00e9\", \"html\": \"<&>\" }")
	p.Metadata.RecordedAt = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) // the store's to set
	q := pending(2)
	q.Metadata = event.Metadata{} // all optional metadata may be empty

	before := time.Now().Add(-time.Second)
	recs := mustAppend(t, s, write("lot/α 1", event.NoStream, p, q))
	after := time.Now().Add(time.Second)

	for i, want := range []event.Pending{p, q} {
		r := recs[i]
		if r.ID != want.ID || r.Stream != "lot/α 1" || r.Type != want.Type || !bytes.Equal(r.Data, want.Data) {
			t.Fatalf("record %d: id %s stream %q type %q data %q", i, r.ID, r.Stream, r.Type, r.Data)
		}
		m, wm := r.Metadata, want.Metadata
		if m.ActorUSCC != wm.ActorUSCC || m.ActorRole != wm.ActorRole || m.CorrelationID != wm.CorrelationID || m.CausationID != wm.CausationID {
			t.Fatalf("record %d metadata %+v, want %+v", i, m, wm)
		}
		if !m.OccurredAt.Equal(event.NormalizeTime(wm.OccurredAt)) {
			t.Fatalf("record %d occurred at %v, want %v normalised", i, m.OccurredAt, wm.OccurredAt)
		}
		if m.RecordedAt.Before(before) || m.RecordedAt.After(after) || !m.RecordedAt.Equal(event.NormalizeTime(m.RecordedAt)) {
			t.Fatalf("record %d recorded at %v: want the store's normalised commit time", i, m.RecordedAt)
		}
		if r.Hash == ([32]byte{}) {
			t.Fatalf("record %d has no hash", i)
		}
	}
	sameRecords(t, "ReadStream", recs, mustReadStream(t, s, "lot/α 1", 0))
}

func testHashChain(t *testing.T, s event.Store) {
	var appended []event.Record
	for i := range 10 {
		appended = append(appended, mustAppend(t, s,
			write("a", event.Exact(uint64(i*2)), pendings(2)...),
			write("b", event.Any, pending(i)))...)
	}
	all := readAll(t, s, 0)
	sameRecords(t, "ReadAll", appended, all)
	var prev [32]byte
	for _, r := range all {
		if want := event.Chain(prev, r); want != r.Hash {
			t.Fatalf("position %d: hash %x, want Chain(prev, rec) = %x", r.Position, r.Hash, want)
		}
		prev = r.Hash
	}
}
