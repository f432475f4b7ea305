package risk

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// referenceEncoding is the snapshot form of a set of serials: their hashes
// sorted, 8 little-endian bytes each, as one base64 string.
func referenceEncoding(t *testing.T, serials map[string]bool) string {
	t.Helper()
	var hs []uint64
	for s, in := range serials {
		if in {
			hs = append(hs, hashSerial(s))
		}
	}
	slices.Sort(hs)
	var raw []byte
	for _, h := range hs {
		raw = binary.LittleEndian.AppendUint64(raw, h)
	}
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Through thousands of sales and returns, across its merges and a snapshot
// taken and read back midway, the set answers every take as a plain set of
// serials would, and its snapshot has that set's bytes.
func TestSoldSerialsAnswerAsAPlainSetThroughMergesAndSnapshots(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[string]bool{}
	s := &serialSet{}
	for step := range 20_000 {
		serial := fmt.Sprintf("S%05d", rng.IntN(3_000))
		if rng.IntN(3) > 0 {
			s.add(serial)
			want[serial] = true
		} else if got := s.take(serial); got != want[serial] {
			t.Fatalf("step %d: take(%s) = %v, want %v", step, serial, got, want[serial])
		} else {
			want[serial] = false
		}
		if step%5_000 == 4_999 {
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if ref := referenceEncoding(t, want); string(b) != ref {
				t.Fatalf("step %d: the snapshot differs from the plain set's (%d bytes against %d)", step, len(b), len(ref))
			}
			back := &serialSet{}
			if err := json.Unmarshal(b, back); err != nil {
				t.Fatal(err)
			}
			s = back
		}
	}
	n := 0
	for _, in := range want {
		if in {
			n++
		}
	}
	if s.len() != n {
		t.Errorf("the set holds %d serials, want %d", s.len(), n)
	}
}

// A snapshot whose hashes are out of order or written twice still finds
// every serial it holds.
func TestSoldSerialsReadBackHashesOutOfOrder(t *testing.T) {
	var raw []byte
	for _, s := range []string{"C", "A", "B", "A"} {
		raw = binary.LittleEndian.AppendUint64(raw, hashSerial(s))
	}
	b, _ := json.Marshal(raw)
	s := &serialSet{}
	if err := json.Unmarshal(b, s); err != nil {
		t.Fatal(err)
	}
	if s.len() != 3 {
		t.Errorf("%d serials read back, want 3", s.len())
	}
	for _, serial := range []string{"A", "B", "C"} {
		if !s.take(serial) {
			t.Errorf("%s was in the snapshot but not found", serial)
		}
	}
	if s.take("A") {
		t.Error("A taken twice")
	}
}
