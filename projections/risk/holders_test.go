package risk

import (
	"encoding/json"
	"strings"
	"testing"
)

// A batch's holders encode as an array sorted by USCC, whatever order they
// came in, and read back to the same holdings and the same bytes.
func TestHoldersEncodeSortedByHolderAndReadBack(t *testing.T) {
	var hs holders
	for i, u := range []string{"91330100MA2H8T0R08", "91110000100000000A", "91440101MA59KB8X0R", "91110000100000000A"} {
		h := hs.add(u)
		h.Stock += int64(i + 1)
		h.Labelled += 2
	}
	got, err := json.Marshal(hs)
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"uscc":"91110000100000000A","stock":6,"labelled":4},` +
		`{"uscc":"91330100MA2H8T0R08","stock":1,"labelled":2},` +
		`{"uscc":"91440101MA59KB8X0R","stock":3,"labelled":2}]`
	if string(got) != want {
		t.Fatalf("holders encode as\n%s\nwant\n%s", got, want)
	}
	var back holders
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != want {
		t.Errorf("decoded and encoded again:\n%s\nwant\n%s", again, want)
	}
	if h := back.get("91440101MA59KB8X0R"); h == nil || h.Stock != 3 {
		t.Errorf("the decoded holding of 91440101MA59KB8X0R = %+v, want stock 3", h)
	}
	if back.get("91000000000000000X") != nil {
		t.Error("a holder never added has a holding")
	}
}

// A snapshot whose holders are out of order would hide holdings from get:
// the model refuses it rather than answer from it.
func TestRestoreRefusesHoldersOutOfOrder(t *testing.T) {
	snapshot := func(holders string) string {
		return `{"enterprises":{},"batches":{"06901234567892/L1":{"gtin":"06901234567892","holders":` + holders + `}},` +
			`"products":{},"declarations":{},"recalls":{}}`
	}
	ok := snapshot(`[{"uscc":"91110000100000000A","stock":1},{"uscc":"91330100MA2H8T0R08","stock":2}]`)
	if err := New().Restore(strings.NewReader(ok)); err != nil {
		t.Fatalf("a snapshot with sorted holders: %v", err)
	}
	for name, hs := range map[string]string{
		"out of order": `[{"uscc":"91330100MA2H8T0R08","stock":2},{"uscc":"91110000100000000A","stock":1}]`,
		"twice":        `[{"uscc":"91110000100000000A","stock":1},{"uscc":"91110000100000000A","stock":2}]`,
		"null":         `[null]`,
	} {
		err := New().Restore(strings.NewReader(snapshot(hs)))
		if err == nil || !strings.Contains(err.Error(), "06901234567892/L1") {
			t.Errorf("holders %s: Restore = %v, want an error naming the batch", name, err)
		}
	}
}
