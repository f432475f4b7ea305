package modelstore

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// rowModel is a model whose keys under 'e' are rows, with rows at
// positions 1-3 and two other keys, one on each side of the rows.
func rowModel(t *testing.T, db *DB) *Model {
	t.Helper()
	m := db.Model("epcis").WithRows('e')
	if _, err := m.Layout(1); err != nil {
		t.Fatal(err)
	}
	b := m.BeginBlind()
	for _, k := range []string{"a", "e1", "e2", "e3", "i"} {
		if err := b.Set([]byte(k), []byte("v"+k)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(3); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRowsLiveInTheRowStoreAndReadAsOneKeySpaceWithTheOtherKeys(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := rowModel(t, db)
	if v, ok, _ := get(db.rows, m.key([]byte("e2"))); !ok || string(v) != "ve2" {
		t.Fatalf("a row is not in the row store: %q %v", v, ok)
	}
	if _, ok, _ := get(db.db, m.key([]byte("e2"))); ok {
		t.Fatal("a row is in the model store too")
	}
	if _, ok, _ := get(db.rows, m.key([]byte("i"))); ok {
		t.Fatal("a key that is not a row is in the row store")
	}
	if v, ok, err := m.Get([]byte("e3")); err != nil || !ok || string(v) != "ve3" {
		t.Fatalf("Get of a row = %q %v %v", v, ok, err)
	}
	read := func(prefix, from string, reverse bool) string {
		t.Helper()
		var p, f []byte
		if prefix != "" {
			p = []byte(prefix)
		}
		if from != "" {
			f = []byte(from)
		}
		var got []string
		if err := m.Scan(p, f, reverse, func(k, _ []byte) bool { got = append(got, string(k)); return true }); err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, ",")
	}
	for _, c := range []struct {
		prefix, from string
		reverse      bool
		want         string
	}{
		{"", "", false, "a,e1,e2,e3,i"},
		{"", "", true, "i,e3,e2,e1,a"},
		{"", "e2", false, "e2,e3,i"},
		{"", "e2", true, "e2,e1,a"},
		{"", "f", true, "e3,e2,e1,a"},
		{"", "b", false, "e1,e2,e3,i"},
		{"e", "", true, "e3,e2,e1"},
		{"e", "e2", false, "e2,e3"},
		{"i", "", false, "i"},
	} {
		if got := read(c.prefix, c.from, c.reverse); got != c.want {
			t.Errorf("scan %q from %q reverse=%v = %s; want %s", c.prefix, c.from, c.reverse, got, c.want)
		}
	}
	var stopped []string
	m.Scan(nil, nil, false, func(k, _ []byte) bool { stopped = append(stopped, string(k)); return k[0] != 'e' })
	if strings.Join(stopped, ",") != "a,e1" {
		t.Errorf("a scan stopped in the rows went on: %v", stopped)
	}
	var dump bytes.Buffer
	if err := m.Dump(&dump); err != nil || strings.Count(dump.String(), "\n") != 5 {
		t.Errorf("dump = %q %v", dump.String(), err)
	}
}

func TestAnIndexedBatchReadsItsOwnRows(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	b := m.Begin()
	defer b.Discard()
	b.Set([]byte("e1"), []byte("x"))
	b.Set([]byte("i"), []byte("y"))
	if v, ok, _ := b.Get([]byte("e1")); !ok || string(v) != "x" {
		t.Fatalf("batch get of its row = %q %v", v, ok)
	}
	var keys []string
	b.Scan(nil, nil, false, func(k, _ []byte) bool { keys = append(keys, string(k)); return true })
	if strings.Join(keys, ",") != "e1,i" {
		t.Fatalf("batch scan = %v", keys)
	}
}

func TestResetEmptiesAModelsRows(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := rowModel(t, db)
	if err := m.Reset(); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := m.Get([]byte("e1")); ok {
		t.Fatal("a reset model still holds a row")
	}
}

// The rows are written durably before the model's other keys, so a crash
// that takes the model back to a flushed position never takes a row of
// that position with it.
func TestACrashNeverLeavesAModelAtAPositionWithoutItsRows(t *testing.T) {
	mem := vfs.NewCrashableMem()
	db, err := Open("store", Options{CacheBytes: 1 << 20, fs: mem})
	if err != nil {
		t.Fatal(err)
	}
	m := db.Model("epcis").WithRows('e')
	if _, err := m.Layout(1); err != nil {
		t.Fatal(err)
	}
	for pos := uint64(1); pos <= 40; pos++ {
		b := m.BeginBlind()
		b.Set(fmt.Appendf(nil, "e%03d", pos), []byte("row"))
		b.Set(fmt.Appendf(nil, "i%03d", pos), []byte("index"))
		if err := b.Commit(pos); err != nil {
			t.Fatal(err)
		}
		if pos == 20 {
			if err := db.db.Flush(); err != nil { // the model store flushes on its own
				t.Fatal(err)
			}
		}
	}
	db = crashAndReopen(t, mem, db)
	m = db.Model("epcis").WithRows('e')
	if reset, err := m.Layout(1); err != nil || reset {
		t.Fatalf("layout after the crash: reset=%v %v", reset, err)
	}
	pos, err := m.Position()
	if err != nil || pos < 20 {
		t.Fatalf("position after the crash = %d, %v; want at least the flushed 20", pos, err)
	}
	for p := uint64(1); p <= pos; p++ {
		if _, ok, err := m.Get(fmt.Appendf(nil, "e%03d", p)); err != nil || !ok {
			t.Fatalf("the model is at %d but its row at %d is lost: %v", pos, p, err)
		}
	}
}

func TestAModelWhoseRowStoreWasReplacedIsEmptiedAtOpen(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	rowModel(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(rowsDir(dir)); err != nil {
		t.Fatal(err)
	}
	db = open(t, dir)
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	if reset, err := m.Layout(1); err != nil || !reset {
		t.Fatalf("a model without its rows was kept: reset=%v %v", reset, err)
	}
	if pos, _ := m.Position(); pos != 0 {
		t.Fatalf("position = %d; want 0", pos)
	}
	if reset, _ := m.Layout(1); reset {
		t.Fatal("the emptied model was emptied again at the next layout check")
	}
}

// Rows arrive in ascending order, so the row store's flushed tables never
// overlap: they stay one sublevel, owe no compaction, and are never
// rewritten.
func TestFlushedRowsNeverOverlapAndOweNoCompaction(t *testing.T) {
	db, err := Open(t.TempDir(), Options{CacheBytes: 1 << 20, manualCompactions: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	for pos := uint64(1); pos <= 8; pos++ {
		b := m.BeginBlind()
		for i := range 200 {
			b.Set(fmt.Appendf(nil, "e%03d-%05d", pos, i), make([]byte, 100))
			b.Set(fmt.Appendf(nil, "i%05d-%03d", i, pos), nil)
		}
		if err := b.Commit(pos); err != nil {
			t.Fatal(err)
		}
		if err := db.Sync(); err != nil {
			t.Fatal(err)
		}
	}
	got := db.rows.Metrics()
	if l0 := got.Levels[0]; l0.TablesCount < 8 || l0.Sublevels != 1 {
		t.Errorf("row store level 0: %d tables in %d sublevels; want 8 or more in 1", l0.TablesCount, l0.Sublevels)
	}
	if debt := got.Compact.EstimatedDebt; debt != 0 {
		t.Errorf("row store owes %d bytes of compaction", debt)
	}
	if main := db.db.Metrics().Levels[0]; main.Sublevels < 2 {
		t.Errorf("the model store's index keys stayed in %d sublevel: the test writes no overlap", main.Sublevels)
	}
}

// However many tables the row store flushes, more than the count that
// starts a compaction of level 0 elsewhere, none is rewritten.
func TestTheRowStoreNeverRewritesItsTablesHoweverMany(t *testing.T) {
	db, err := Open(t.TempDir(), Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := db.Model("epcis").WithRows('e')
	const tables = 520 // Pebble compacts level 0 at 500 tables by default
	for pos := uint64(1); pos <= tables; pos++ {
		b := m.BeginBlind()
		b.Set(fmt.Appendf(nil, "e%05d", pos), make([]byte, 64))
		if err := b.Commit(pos); err != nil {
			t.Fatal(err)
		}
		if err := db.rows.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	got := db.rows.Metrics()
	if l0 := got.Levels[0]; l0.TablesCount != tables {
		t.Errorf("row store level 0 holds %d tables; want the %d flushed", l0.TablesCount, tables)
	}
	if w := got.Total().TableBytesCompacted; w != 0 {
		t.Errorf("the row store rewrote %d bytes of its tables", w)
	}
}
