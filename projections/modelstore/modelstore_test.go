package modelstore

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

func open(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir, Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestABatchAndItsPositionCommitTogetherAndSurviveAReopen(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	m := db.Model("trace")
	b := m.Begin()
	if err := b.Set(Key("unit", "a"), []byte("1")); err != nil {
		t.Fatal(err)
	}
	if pos, _ := m.Position(); pos != 0 {
		t.Fatalf("position before commit = %d", pos)
	}
	if _, ok, _ := m.Get(Key("unit", "a")); ok {
		t.Fatal("an uncommitted write is visible outside its batch")
	}
	if err := b.Commit(7); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = open(t, dir)
	defer db.Close()
	m = db.Model("trace")
	pos, err := m.Position()
	if err != nil || pos != 7 {
		t.Fatalf("position after reopen = %d, %v; want 7", pos, err)
	}
	v, ok, err := m.Get(Key("unit", "a"))
	if err != nil || !ok || string(v) != "1" {
		t.Fatalf("value after reopen = %q %v %v", v, ok, err)
	}
}

func TestABatchReadsItsOwnWrites(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	b := db.Model("m").Begin()
	defer b.Discard()
	b.Set([]byte("k1"), []byte("x"))
	b.Set([]byte("k2"), []byte("y"))
	if v, ok, _ := b.Get([]byte("k1")); !ok || string(v) != "x" {
		t.Fatalf("batch get = %q %v", v, ok)
	}
	var keys []string
	b.Scan([]byte("k"), nil, false, func(k, _ []byte) bool { keys = append(keys, string(k)); return true })
	if strings.Join(keys, ",") != "k1,k2" {
		t.Fatalf("batch scan = %v", keys)
	}
}

func TestScanReadsOnlyItsPrefixForwardBackwardAndFromAKey(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m, other := db.Model("h"), db.Model("hx")
	b := m.Begin()
	for _, k := range []string{"a\x00", "b\x001", "b\x002", "b\x003", "c\x00"} {
		b.Set([]byte(k), []byte(k))
	}
	b.Commit(1)
	ob := other.Begin()
	ob.Set([]byte("b\x009"), nil)
	ob.Commit(1)
	read := func(from []byte, reverse bool) string {
		var got []string
		if err := m.Scan(Key("b", ""), from, reverse, func(k, _ []byte) bool { got = append(got, string(k[2:])); return true }); err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, ",")
	}
	if got := read(nil, false); got != "1,2,3" {
		t.Errorf("forward = %s", got)
	}
	if got := read(nil, true); got != "3,2,1" {
		t.Errorf("reverse = %s", got)
	}
	if got := read(Key("b", "2"), false); got != "2,3" {
		t.Errorf("forward from 2 = %s", got)
	}
	if got := read(Key("b", "2"), true); got != "2,1" {
		t.Errorf("reverse from 2 = %s", got)
	}
}

func TestResetEmptiesOneModelAndLeavesTheOthers(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	a, b := db.Model("a"), db.Model("b")
	for _, m := range []*Model{a, b} {
		w := m.Begin()
		w.Set([]byte("k"), []byte("v"))
		w.Commit(3)
	}
	if err := a.Reset(); err != nil {
		t.Fatal(err)
	}
	if pos, _ := a.Position(); pos != 0 {
		t.Errorf("reset model's position = %d", pos)
	}
	if _, ok, _ := a.Get([]byte("k")); ok {
		t.Error("reset model still holds its key")
	}
	if pos, _ := b.Position(); pos != 3 {
		t.Errorf("other model's position = %d", pos)
	}
	var dump bytes.Buffer
	b.Dump(&dump)
	if dump.String() != "6b 76\n" {
		t.Errorf("other model's dump = %q", dump.String())
	}
}

func TestAnotherLayoutEmptiesTheModel(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := db.Model("m")
	if reset, err := m.Layout(1); err != nil || reset {
		t.Fatalf("first layout: reset=%v err=%v", reset, err)
	}
	w := m.Begin()
	w.Set([]byte("k"), []byte("v"))
	w.Commit(5)
	if reset, _ := m.Layout(1); reset {
		t.Fatal("the same layout emptied the model")
	}
	if reset, _ := m.Layout(2); !reset {
		t.Fatal("another layout kept the model")
	}
	if pos, _ := m.Position(); pos != 0 {
		t.Fatalf("position after a new layout = %d", pos)
	}
}

func TestAResetModelKeepsItsLayoutMark(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	m := db.Model("m")
	m.Layout(3)
	w := m.Begin()
	w.Set([]byte("k"), []byte("v"))
	w.Commit(5)
	if err := m.Reset(); err != nil {
		t.Fatal(err)
	}
	if reset, err := m.Layout(3); err != nil || reset {
		t.Fatalf("after a reset the same layout reads as another: reset=%v err=%v", reset, err)
	}
	w = m.Begin()
	w.Set([]byte("k2"), nil)
	w.Commit(9)
	m.Layout(3)
	if pos, _ := m.Position(); pos != 9 {
		t.Fatalf("a model rebuilt after a reset was emptied at the next open: position %d", pos)
	}
}

// A crash takes the batches since the last flush, whole: the model comes
// back at the position its flushed state reached, with that state.
func TestACrashLeavesEachModelAtAPositionItsStateReached(t *testing.T) {
	mem := vfs.NewCrashableMem()
	db, err := Open("store", Options{CacheBytes: 1 << 20, fs: mem})
	if err != nil {
		t.Fatal(err)
	}
	trace, history := db.Model("trace"), db.Model("history")
	commit := func(m *Model, pos uint64, k, v string) {
		t.Helper()
		b := m.Begin()
		if err := b.Set(Key(k), []byte(v)); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(pos); err != nil {
			t.Fatal(err)
		}
	}
	commit(trace, 10, "a", "flushed")
	commit(history, 12, "h", "flushed")
	if err := db.Sync(); err != nil {
		t.Fatal(err)
	}
	commit(trace, 20, "a", "lost")
	commit(trace, 20, "b", "lost")
	commit(history, 25, "h", "lost")
	db = crashAndReopen(t, mem, db)
	for _, c := range []struct {
		model, key, want string
		pos              uint64
	}{{"trace", "a", "flushed", 10}, {"history", "h", "flushed", 12}} {
		m := db.Model(c.model)
		pos, err := m.Position()
		if err != nil || pos != c.pos {
			t.Errorf("%s after the crash at %d, %v; want %d", c.model, pos, err, c.pos)
		}
		if v, ok, err := m.Get(Key(c.key)); err != nil || !ok || string(v) != c.want {
			t.Errorf("%s %s after the crash = %q %v %v; want %q", c.model, c.key, v, ok, err, c.want)
		}
	}
	if _, ok, _ := db.Model("trace").Get(Key("b")); ok {
		t.Error("a batch after the last flush partly survived the crash")
	}
}

// crashAndReopen crashes the store "store" kept in mem, which loses what
// was not synced, and opens what the crash left.
func crashAndReopen(t *testing.T, mem *vfs.MemFS, db *DB) *DB {
	t.Helper()
	crashed := mem.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: 0})
	db.Close()
	db, err := Open("store", Options{CacheBytes: 1 << 20, fs: crashed})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
