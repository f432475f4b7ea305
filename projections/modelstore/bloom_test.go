package modelstore

import (
	"fmt"
	"testing"
)

// A Get of a key no table holds is answered by the tables' Bloom filters,
// without reading their data blocks.
func TestAGetOfAnAbsentKeyIsAnsweredByTheTablesFilters(t *testing.T) {
	db, err := Open(t.TempDir(), Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := db.Model("history")
	b := m.Begin()
	for i := range 2000 {
		if err := b.Set(Key("unit", fmt.Sprintf("%06d", 2*i)), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(1); err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(); err != nil {
		t.Fatal(err)
	}
	before := db.db.Metrics().Filter.Hits
	for i := range 100 {
		_, ok, err := m.Get(Key("unit", fmt.Sprintf("%06d", 2*i+1)))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			t.Fatalf("unit %06d was never written, yet found", 2*i+1)
		}
	}
	if hits := db.db.Metrics().Filter.Hits - before; hits < 90 {
		t.Errorf("the filters answered %d of 100 gets of absent keys, want nearly all", hits)
	}
}
