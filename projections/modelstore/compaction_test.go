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

// The row store's tables are never compacted by design, so they are owed
// nothing, even on a store whose rows once were (by the former layout, or
// by hand, as here), where Pebble estimates the whole first level as owed.
func TestRowsNeverCompactedAreOwedNothing(t *testing.T) {
	db, err := Open(t.TempDir(), Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	for pos := uint64(1); pos <= 40; pos++ {
		b := m.BeginBlind()
		b.Set(fmt.Appendf(nil, "e%05d", pos), make([]byte, 4096))
		if err := b.Commit(pos); err != nil {
			t.Fatal(err)
		}
		if err := db.rows.Flush(); err != nil {
			t.Fatal(err)
		}
		if pos == 20 {
			if err := db.rows.Compact(t.Context(), []byte{0}, []byte{0xff}, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r := db.rows.Metrics(); r.Compact.EstimatedDebt == 0 {
		t.Fatal("Pebble estimates nothing for the row store: the test sets up no rows it would count")
	}
	if c := db.Compaction(); c.DebtBytes != 0 {
		t.Errorf("debt %d bytes for rows that are never compacted", c.DebtBytes)
	}
}
