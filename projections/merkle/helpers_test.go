package merkle_test

import (
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// eventHash is a made-up event hash for position pos.
func eventHash(pos uint64) [32]byte {
	return sha256.Sum256(binary.BigEndian.AppendUint64([]byte("event"), pos))
}

// envelopes are the events at positions from..to.
func envelopes(from, to uint64) []runner.Envelope {
	out := make([]runner.Envelope, 0, to-from+1)
	for pos := from; pos <= to; pos++ {
		out = append(out, runner.Envelope{Record: event.Record{Position: pos, Hash: eventHash(pos)}})
	}
	return out
}

// grow applies the events after the tree's size up to position to.
func grow(t testing.TB, p *merkle.Projection, to uint64) {
	t.Helper()
	if err := p.Apply(envelopes(p.Size()+1, to)); err != nil {
		t.Fatal(err)
	}
}

// referenceRoot is the root transparency-dev's own compact range and
// RFC 6962 hasher give the first size events: the independent answer.
func referenceRoot(t testing.TB, size uint64) []byte {
	t.Helper()
	if size == 0 {
		return rfc6962.DefaultHasher.EmptyRoot()
	}
	f := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	cr := f.NewEmptyRange(0)
	for pos := uint64(1); pos <= size; pos++ {
		h := eventHash(pos)
		if err := cr.Append(rfc6962.DefaultHasher.HashLeaf(h[:]), nil); err != nil {
			t.Fatal(err)
		}
	}
	root, err := cr.GetRootHash(nil)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func leafOf(pos uint64) []byte {
	l := merkle.LeafHash(eventHash(pos))
	return l[:]
}

// checkProof checks leaf index's inclusion proof at size against the
// reference root.
func checkProof(t testing.TB, p *merkle.Projection, index, size uint64) {
	t.Helper()
	pr, err := p.InclusionProof(index, size)
	if err != nil {
		t.Fatal(err)
	}
	if err := proof.VerifyInclusion(merkle.Hasher, index, size, leafOf(index+1), pr, referenceRoot(t, size)); err != nil {
		t.Fatalf("leaf %d at size %d: %v", index, size, err)
	}
}
