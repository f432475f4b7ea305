package unitstate_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/traceledger/traceledger/projections/unitstate"
)

func TestSerials(t *testing.T) {
	var s unitstate.Serials
	if !s.IsZero() {
		t.Fatal("new table is not zero")
	}
	if _, ok := s.Find("x"); ok {
		t.Fatal("found in an empty table")
	}
	const n = 5000
	for i := range n {
		if got := s.Add("S" + strconv.Itoa(i)); got != int32(i) {
			t.Fatalf("Add #%d = %d", i, got)
		}
	}
	check := func(s *unitstate.Serials) {
		t.Helper()
		for i := range n {
			if got, ok := s.Find("S" + strconv.Itoa(i)); !ok || got != int32(i) || s.At(got) != "S"+strconv.Itoa(i) {
				t.Fatalf("Find S%d = %d %v", i, got, ok)
			}
		}
		for _, absent := range []string{"", "S", "S5000", "s1"} {
			if _, ok := s.Find(absent); ok {
				t.Fatalf("found %q", absent)
			}
		}
	}
	check(&s)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back unitstate.Serials
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	check(&back)
	if back.Len() != n {
		t.Fatalf("Len %d", back.Len())
	}
	again, _ := json.Marshal(back)
	if string(again) != string(b) {
		t.Fatal("round trip changed the serials")
	}
}
