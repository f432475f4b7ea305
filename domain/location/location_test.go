package location_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/location"
)

func TestAGLNBelongsToOneEnterprise(t *testing.T) {
	g, _ := ident.ParseGLN("6901234000009")
	a, _ := ident.ParseUSCC("91330100MA2H8T0R08")
	b, _ := ident.ParseUSCC("91440101MA59KB8X0R")
	l, _ := location.Load(nil)
	if err := l.Register(g, "", a, "冷库"); err != nil {
		t.Fatal(err)
	}
	if err := l.Register(g, "dock2", a, "二号月台"); err != nil {
		t.Fatalf("the owner adds an extension: %v", err)
	}
	if err := l.Register(g, "dock3", b, "三号月台"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("another enterprise registers the GLN: %v", err)
	}
	if err := l.Register(g, "dock2", a, "again"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("the same extension twice: %v", err)
	}
	if err := l.Register(g, "a b", a, "x"); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("an extension with a space: %v", err)
	}
	if l.Owner() != a.String() || !l.Has("dock2") || l.Has("dock3") || len(l.Changes()) != 2 {
		t.Fatalf("owner %s, changes %d", l.Owner(), len(l.Changes()))
	}
}
