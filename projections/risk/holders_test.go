package risk

import (
	"encoding/json"
	"testing"
)

// A batch's holders encode as the map of holdings they replaced, keys
// sorted, so the snapshots written before read back, and a snapshot
// decoded and encoded again keeps its bytes.
func TestHoldersEncodeAsTheMapTheyReplace(t *testing.T) {
	var hs holders
	want := map[string]*Holding{}
	for i, u := range []string{"91330100MA2H8T0R08", "91110000100000000A", "91440101MA59KB8X0R", "91110000100000000A"} {
		h := hs.add(u)
		h.Stock += int64(i + 1)
		h.Labelled += 2
		if want[u] == nil {
			want[u] = &Holding{}
		}
		want[u].Stock += int64(i + 1)
		want[u].Labelled += 2
	}
	got, err := json.Marshal(hs)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(exp) {
		t.Fatalf("holders encode as\n%s\nwant the map's\n%s", got, exp)
	}
	var back holders
	if err := json.Unmarshal(exp, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(exp) {
		t.Errorf("decoded and encoded again:\n%s\nwant\n%s", again, exp)
	}
	if h := back.get("91440101MA59KB8X0R"); h == nil || h.Stock != 3 {
		t.Errorf("the decoded holding of 91440101MA59KB8X0R = %+v, want stock 3", h)
	}
	if back.get("91000000000000000X") != nil {
		t.Error("a holder never added has a holding")
	}
}
