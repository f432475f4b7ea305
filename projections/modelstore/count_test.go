package modelstore

import (
	"math"
	"testing"
)

func TestACountReadsBackAsStoredAndZeroWhenAbsent(t *testing.T) {
	db := open(t, t.TempDir())
	t.Cleanup(func() { db.Close() })
	m := db.Model("trace")
	if n, err := ReadCount(m, Key("K")); n != 0 || err != nil {
		t.Fatalf("absent count = %d, %v; want 0, nil", n, err)
	}
	for _, want := range []uint32{1, 300, math.MaxUint32} {
		b := m.Begin()
		if err := b.Set(Key("K"), EncodeCount(want)); err != nil {
			t.Fatal(err)
		}
		if n, err := ReadCount(b, Key("K")); n != want || err != nil {
			t.Fatalf("count in its batch = %d, %v; want %d", n, err, want)
		}
		if err := b.Commit(1); err != nil {
			t.Fatal(err)
		}
		if n, err := ReadCount(m, Key("K")); n != want || err != nil {
			t.Fatalf("count = %d, %v; want %d", n, err, want)
		}
	}
}

func TestAValueThatIsNotACountIsAnError(t *testing.T) {
	db := open(t, t.TempDir())
	t.Cleanup(func() { db.Close() })
	m := db.Model("trace")
	for _, v := range [][]byte{
		{0x80},                         // a uvarint cut short
		{0x01, 0x02},                   // a count with bytes after it
		{0x80, 0x80, 0x80, 0x80, 0x10}, // 2^32: past a uint32
	} {
		b := m.Begin()
		if err := b.Set(Key("K"), v); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(1); err != nil {
			t.Fatal(err)
		}
		if n, err := ReadCount(m, Key("K")); err == nil {
			t.Errorf("ReadCount(% x) = %d, want an error", v, n)
		}
	}
}
