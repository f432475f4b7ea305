package event_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// referenceCanonical is the canonical form as first written, field by
// field through strings: the stored hashes of every ledger depend on it,
// so Canonical and Chain must never drift from it.
func referenceCanonical(r event.Record) []byte {
	var b bytes.Buffer
	field := func(s string) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(s)))
		b.Write(n[:])
		b.WriteString(s)
	}
	field("traceledger.event.v1")
	field(strconv.FormatUint(r.Position, 10))
	field(r.ID.String())
	field(r.Stream)
	field(strconv.FormatUint(r.Version, 10))
	field(r.Type)
	field(string(r.Data))
	field(r.Metadata.ActorUSCC)
	field(r.Metadata.ActorRole)
	field(r.Metadata.CorrelationID)
	field(r.Metadata.CausationID)
	field(r.Metadata.OccurredAt.UTC().Format(time.RFC3339Nano))
	field(r.Metadata.RecordedAt.UTC().Format(time.RFC3339Nano))
	return b.Bytes()
}

func TestChainIsSHA256OfThePreviousHashAndTheCanonicalForm(t *testing.T) {
	var prev [32]byte
	for i := range 500 {
		r := record(uint64(i*7919 + 1))
		r.ID = uuid.New()
		r.Version = uint64(i)
		r.Stream = fmt.Sprintf("batch-%d-中文", i)
		r.Data = []byte(fmt.Sprintf(`{"n":%d,"s":"%s"}`, i, bytes.Repeat([]byte("x"), i*3)))
		r.Metadata.CausationID = uuid.NewString()[:i%36]
		r.Metadata.OccurredAt = time.Unix(int64(i)*86400*13, int64(i)*1000).In(time.FixedZone("CST", 8*3600))
		if got, want := event.Canonical(r), referenceCanonical(r); !bytes.Equal(got, want) {
			t.Fatalf("record %d: canonical form\n%q\nwant\n%q", i, got, want)
		}
		want := sha256.Sum256(append(prev[:], referenceCanonical(r)...))
		if got := event.Chain(prev, r); got != want {
			t.Fatalf("record %d: chain %x, want %x", i, got, want)
		}
		prev = want
	}
}

func BenchmarkChain(b *testing.B) {
	r := record(123456)
	r.Data = bytes.Repeat([]byte("x"), 300)
	var prev [32]byte
	for b.Loop() {
		prev = event.Chain(prev, r)
	}
}
