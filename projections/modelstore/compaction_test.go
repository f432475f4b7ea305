package modelstore

import (
	"fmt"
	"testing"
)

// Tables flushed on top of compacted ones are owed a compaction, and the
// debt is gone once they are compacted; no compaction runs while the
// store is left alone.
func TestTablesFlushedOnCompactedOnesAreOwedACompaction(t *testing.T) {
	db, err := Open(t.TempDir(), Options{CacheBytes: 1 << 20, manualCompactions: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := db.Model("history")
	pos := uint64(0)
	flush := func(tables int) {
		t.Helper()
		for range tables {
			pos++
			b := m.Begin()
			for i := range 200 {
				if err := b.Set(Key("k", fmt.Sprintf("%03d-%05d", pos, i)), make([]byte, 100)); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Commit(pos); err != nil {
				t.Fatal(err)
			}
			if err := db.Sync(); err != nil {
				t.Fatal(err)
			}
		}
	}
	compact := func() {
		t.Helper()
		if err := db.db.Compact(t.Context(), []byte{0}, []byte{0xff}, true); err != nil {
			t.Fatal(err)
		}
	}
	flush(3)
	compact()
	if c := db.Compaction(); c != (Compaction{}) {
		t.Fatalf("everything compacted: %+v, want no debt and nothing running", c)
	}
	flush(3)
	if c := db.Compaction(); c.DebtBytes == 0 || c.Running != 0 {
		t.Fatalf("three tables flushed on compacted ones: %+v, want debt and nothing running", c)
	}
	compact()
	if c := db.Compaction(); c != (Compaction{}) {
		t.Errorf("compacted again: %+v, want no debt and nothing running", c)
	}
}
