package modelstore

import (
	"fmt"
	"slices"
	"testing"
)

// A Reader's scans, one after another over one set of iterators, answer
// what Model.Scan answers: every prefix, both directions, from a key, in
// the model's row store and out of it.
func TestAReaderScansManyRangesAsTheModelDoes(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	if _, err := m.Layout(1); err != nil {
		t.Fatal(err)
	}
	b := m.Begin()
	for _, p := range []string{"a", "e", "i"} {
		for i := range 5 {
			if err := b.Set(Key(p, fmt.Sprint(i)), []byte(p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := b.Commit(1); err != nil {
		t.Fatal(err)
	}
	type scan struct {
		prefix, from []byte
		reverse      bool
	}
	var scans []scan
	for _, p := range []string{"i", "a", "e", "", "x"} {
		for _, from := range [][]byte{nil, Key(p, "2")} {
			if p == "" && from != nil {
				continue
			}
			for _, reverse := range []bool{false, true} {
				scans = append(scans, scan{Key(p, ""), from, reverse})
			}
		}
	}
	scans = append(scans, scan{nil, nil, false}, scan{nil, nil, true})
	read := func(sc func(prefix, from []byte, reverse bool, fn func(k, v []byte) bool) error, s scan) []string {
		var got []string
		if err := sc(s.prefix, s.from, s.reverse, func(k, v []byte) bool {
			got = append(got, string(k)+"="+string(v))
			return len(got) < 4
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	r := m.NewReader()
	for _, s := range scans {
		if got, want := read(r.Scan, s), read(m.Scan, s); !slices.Equal(got, want) {
			t.Errorf("prefix %q from %q reverse %v: reader %q, model %q", s.prefix, s.from, s.reverse, got, want)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}
