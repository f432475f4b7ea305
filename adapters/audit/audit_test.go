package audit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/audit"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// memLog is a hash-chained log in memory; ReadPositions and ReadAll read
// it as the stores do.
type memLog []event.Record

func newLog(n int) memLog {
	var l memLog
	var prev [32]byte
	for i := range n {
		r := event.Record{ID: uuid.New(), Stream: "s", Version: uint64(i + 1), Position: uint64(i + 1), Type: "t.v1",
			Data: fmt.Appendf(nil, `{"i":%d}`, i), Metadata: event.Metadata{OccurredAt: time.Unix(int64(i), 0).UTC(), RecordedAt: time.Unix(int64(i), 0).UTC()}}
		r.Hash = event.Chain(prev, r)
		prev = r.Hash
		l = append(l, r)
	}
	return l
}

func (l memLog) ReadAll(_ context.Context, after uint64, limit int) ([]event.Record, error) {
	var out []event.Record
	for _, r := range l {
		if r.Position > after && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

func (l memLog) ReadPositions(_ context.Context, ps []uint64) ([]event.Record, error) {
	out := make([]event.Record, len(ps))
	for i, p := range ps {
		out[i] = l[p-1]
	}
	return out, nil
}

// signed folds l into a tree and signs checkpoints at the given sizes.
func signed(t *testing.T, l memLog, sizes ...uint64) (*merkle.Projection, *notary.Key, []notary.Signed) {
	t.Helper()
	tree := merkle.New("")
	for _, r := range l {
		if err := tree.Apply([]runner.Envelope{{Record: r}}); err != nil {
			t.Fatal(err)
		}
	}
	key, err := notary.LoadOrCreateKey(filepath.Join(t.TempDir(), "k"), "")
	if err != nil {
		t.Fatal(err)
	}
	var cps []notary.Signed
	for _, s := range sizes {
		root, _ := tree.RootAt(s)
		c, _ := key.Sign(s, root)
		cps = append(cps, c)
	}
	return tree, key, cps
}

func failsAt(t *testing.T, err error, pos uint64) {
	t.Helper()
	var f *audit.Failure
	if !errors.As(err, &f) || f.Position != pos {
		t.Fatalf("want a failure at %d, got %v", pos, err)
	}
}

// The audit passes a whole log and names the first bad position of a
// changed, missing or rewritten one.
func TestVerifyLog(t *testing.T) {
	l := newLog(100)
	_, _, cps := signed(t, l, 10, 50, 100)
	if rep, err := audit.VerifyLog(t.Context(), l, cps, nil); err != nil || rep.Events != 100 || rep.Latest.Size != 100 {
		t.Fatalf("whole log: %+v %v", rep, err)
	}
	changed := append(memLog(nil), l...)
	changed[41].Data = []byte(`{"i":9}`)
	_, err := audit.VerifyLog(t.Context(), changed, cps, nil)
	failsAt(t, err, 42)

	gap := append(append(memLog(nil), l[:29]...), l[30:]...)
	_, err = audit.VerifyLog(t.Context(), gap, cps, nil)
	failsAt(t, err, 30)

	short := l[:70]
	_, err = audit.VerifyLog(t.Context(), short, cps, nil)
	failsAt(t, err, 71)

	rewritten := append(memLog(nil), l[:30]...)
	rewritten = append(rewritten, newLog(100)[30:]...) // another log's tail: its chain breaks at 31
	_, err = audit.VerifyLog(t.Context(), rewritten, cps, nil)
	failsAt(t, err, 31)
}

// A bundle verifies with the key; any field changed fails at its event.
func TestVerifyBundle(t *testing.T) {
	l := newLog(50)
	tree, key, cps := signed(t, l, 50)
	b, err := audit.BuildBundle(t.Context(), "item", []uint64{1, 2, 17, 50}, l, tree, cps[0], key.VerifierKey())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(b)
	var back audit.Bundle
	json.Unmarshal(raw, &back)
	if _, err := audit.VerifyBundle(back, key.Verifier()); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(e *audit.BundleEvent){
		"data":        func(e *audit.BundleEvent) { e.Data = `{"i":1}` },
		"recorded_at": func(e *audit.BundleEvent) { e.RecordedAt = "2001-01-01T00:00:00Z" },
		"prev_hash":   func(e *audit.BundleEvent) { e.PrevHash = e.Hash },
		"proof":       func(e *audit.BundleEvent) { e.Proof[0] = e.Hash },
		"position":    func(e *audit.BundleEvent) { e.Position, e.LeafIndex = 18, 17 },
	} {
		t.Run(name, func(t *testing.T) {
			var bad audit.Bundle
			json.Unmarshal(raw, &bad)
			change(&bad.Events[2])
			_, err := audit.VerifyBundle(bad, key.Verifier())
			failsAt(t, err, bad.Events[2].Position)
		})
	}
}
