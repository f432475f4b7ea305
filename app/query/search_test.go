package query_test

import (
	"context"
	"errors"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// index records the scope each search was asked in.
type index struct{ scopes []string }

func (x *index) Search(_ context.Context, q query.SearchQuery) (query.SearchResults, error) {
	x.scopes = append(x.scopes, q.Visible)
	return query.SearchResults{}, nil
}

func (x *index) Suggest(_ context.Context, _, visible string, _ int) ([]query.Suggestion, error) {
	x.scopes = append(x.scopes, visible)
	return nil, nil
}

func TestSearchIsScopedToWhatTheCallerMayRead(t *testing.T) {
	x := &index{}
	q := query.NewSearches(x, settled(10))
	for _, c := range []struct {
		actor access.Actor
		scope string
	}{
		{access.Actor{Role: access.RoleRegulator}, ""},
		{access.Actor{Role: access.RoleAnalyst}, ""},
		{access.Actor{Role: access.RoleEnterprise, USCC: shop}, shop},
	} {
		x.scopes = nil
		// A scope the caller puts in the query is replaced by its own.
		if _, err := q.Search(t.Context(), query.Read{Actor: c.actor}, query.SearchQuery{Text: "燕麦", Visible: stranger}); err != nil {
			t.Fatal(err)
		}
		if _, err := q.Suggest(t.Context(), query.Read{Actor: c.actor}, "燕", 5); err != nil {
			t.Fatal(err)
		}
		if len(x.scopes) != 2 || x.scopes[0] != c.scope || x.scopes[1] != c.scope {
			t.Errorf("%s searched in scopes %q, want %q", c.actor, x.scopes, c.scope)
		}
	}
	for _, a := range []access.Actor{{}, {Role: access.RoleAdmin}} {
		x.scopes = nil
		if _, err := q.Search(t.Context(), query.Read{Actor: a}, query.SearchQuery{Text: "燕麦"}); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%q searching: %v, want forbidden", a, err)
		}
		if _, err := q.Suggest(t.Context(), query.Read{Actor: a}, "燕", 5); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%q suggesting: %v, want forbidden", a, err)
		}
		if len(x.scopes) != 0 {
			t.Errorf("%q reached the index", a)
		}
	}
}

func TestSearchWaitsForTheClientsPosition(t *testing.T) {
	q := query.NewSearches(&index{}, settled(10))
	var stale *query.StaleError
	_, err := q.Search(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleRegulator}, MinPosition: 11}, query.SearchQuery{Text: "x"})
	if !errors.As(err, &stale) {
		t.Errorf("a search after position 11 of an index at 10: %v, want stale", err)
	}
}
