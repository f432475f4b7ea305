package epcisquery

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
)

func TestAQueryNameHoldsOneQueryAtATime(t *testing.T) {
	q := &Query{}
	if err := q.Define("regulator", "recent-shipping", "EQ_bizStep=shipping"); err != nil {
		t.Fatal(err)
	}
	if err := q.Define("regulator", "recent-shipping", "EQ_bizStep=receiving"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("defining a name in use = %v, want a conflict", err)
	}
	if err := q.Delete("regulator", "recent-shipping"); err != nil {
		t.Fatal(err)
	}
	if err := q.Delete("regulator", "recent-shipping"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("deleting a deleted query = %v, want not found", err)
	}
	if err := q.Define("regulator", "recent-shipping", "EQ_bizStep=receiving"); err != nil {
		t.Fatalf("defining a deleted name again = %v", err)
	}
	if n := len(q.Changes()); n != 3 {
		t.Fatalf("%d events raised, want 3", n)
	}
}

func TestAQueryNameIsAPathSegment(t *testing.T) {
	for _, bad := range []string{"", "a/b", "名字", "a b", string(make([]byte, MaxName+1))} {
		if err := CheckName(bad); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("CheckName(%q) = %v, want invalid", bad, err)
		}
	}
}
