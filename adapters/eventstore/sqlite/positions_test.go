package sqlite

import (
	"slices"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

func TestReadPositions(t *testing.T) {
	s, _ := openTemp(t, Options{Synchronous: "NORMAL"})
	var w event.Write
	w = one("positions-1", event.Any)
	for i := range 1200 {
		w.Events = append(w.Events, newPending(i))
	}
	all := mustAppend(t, s, w)
	many := make([]uint64, 0, 1100)
	for p := uint64(1150); p > 50; p-- {
		many = append(many, p)
	}
	tests := []struct {
		name      string
		positions []uint64
	}{
		{"none", nil},
		{"one", []uint64{7}},
		{"given order, not log order", []uint64{900, 3, 451}},
		{"repeated", []uint64{5, 5, 2}},
		{"more than one chunk", many},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ReadPositions(t.Context(), tc.positions)
			if err != nil {
				t.Fatalf("ReadPositions: %v", err)
			}
			if len(got) != len(tc.positions) {
				t.Fatalf("got %d records, want %d", len(got), len(tc.positions))
			}
			for i, p := range tc.positions {
				want := all[p-1]
				if got[i].Position != p || got[i].ID != want.ID || got[i].Hash != want.Hash || !slices.Equal(got[i].Data, want.Data) {
					t.Fatalf("record %d: got position %d id %s, want %d %s", i, got[i].Position, got[i].ID, p, want.ID)
				}
			}
		})
	}
}

func TestReadPositionsMissing(t *testing.T) {
	s, _ := openTemp(t, Options{Synchronous: "NORMAL"})
	mustAppend(t, s, one("positions-1", event.Any, newPending(1)))
	if _, err := s.ReadPositions(t.Context(), []uint64{1, 2}); err == nil {
		t.Fatal("ReadPositions of a position past the head succeeded")
	}
}
