package query_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// heldBy is a stock model holding fixed rows per enterprise.
type heldBy map[string][]query.HeldBatch

func (m heldBy) Held(uscc string) ([]query.HeldBatch, error) { return slices.Clone(m[uscc]), nil }

const (
	stockShop  = "91310000MA1K00003X"
	stockOther = "91310000MA1K00004X"
)

var stockRows = heldBy{
	stockShop: {
		{GTIN: "06901234567892", Lot: "B", ExpiresOn: "2027-01-01", InStock: 5},
		{GTIN: "06901234567892", Lot: "A", InStock: 9},
		{GTIN: "06901234567892", Lot: "C", ExpiresOn: "2026-06-01", InTransit: 3, Recalled: true},
	},
	stockOther: {{GTIN: "06901234567892", Lot: "Z", InStock: 1}},
}

func TestStockListsTheBatchThatExpiresFirstFirstAndUndatedLast(t *testing.T) {
	q := query.NewStocks(stockRows, settled(0))
	shop := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stockShop}}
	rows, next, err := q.Of(t.Context(), shop, stockShop, query.DirectoryPage{})
	if err != nil || next != "" {
		t.Fatalf("own stock: %v (next %q)", err, next)
	}
	var lots []string
	for _, r := range rows {
		lots = append(lots, r.Lot)
	}
	if !slices.Equal(lots, []string{"C", "B", "A"}) {
		t.Fatalf("lots in order %v, want C (expires first), B, A (no expiry date)", lots)
	}
}

func TestAnEnterpriseReadsOnlyItsOwnStockAndAnothersAnswersAsUnknown(t *testing.T) {
	q := query.NewStocks(stockRows, settled(0))
	shop := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stockShop}}
	_, _, other := q.Of(t.Context(), shop, stockOther, query.DirectoryPage{})
	_, _, unknown := q.Of(t.Context(), shop, "91310000MA1K00009X", query.DirectoryPage{})
	if !errors.Is(other, domain.ErrNotFound) || !errors.Is(unknown, domain.ErrNotFound) ||
		strings.ReplaceAll(other.Error(), stockOther, "X") != strings.ReplaceAll(unknown.Error(), "91310000MA1K00009X", "X") {
		t.Fatalf("another's stock answers %v, an unknown enterprise's %v: want the same not found", other, unknown)
	}
	for _, rd := range []query.Read{regulator, analyst} {
		rows, _, err := q.Of(t.Context(), rd, stockOther, query.DirectoryPage{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s reads %v, %v: want the other enterprise's one batch", rd.Actor.Role, rows, err)
		}
	}
	admin := query.Read{Actor: access.Actor{Role: access.RoleAdmin}}
	if _, _, err := q.Of(t.Context(), admin, stockShop, query.DirectoryPage{}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an admin reads stock: %v, want forbidden", err)
	}
}
