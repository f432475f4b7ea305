package query_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// oneItem is a history model of one item, held by maker.
type oneItem struct{ k query.ItemKey }

func (m oneItem) Item(_ context.Context, k query.ItemKey) ([]uint64, bool, error) {
	return []uint64{1, 2}, k == m.k, nil
}
func (m oneItem) ItemPage(_ context.Context, k query.ItemKey, _ query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{Positions: []uint64{1, 2}}, k == m.k, nil
}
func (m oneItem) BatchPage(context.Context, query.BatchKey, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, nil
}
func (m oneItem) ProductPage(context.Context, string, query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{}, false, nil
}
func (m oneItem) EnterprisePage(_ context.Context, uscc string, _ query.PageSpec) (query.PositionPage, bool, error) {
	return query.PositionPage{Positions: []uint64{1}}, uscc == maker || uscc == shop, nil
}
func (m oneItem) LotsOf(_ context.Context, gtin, serial string) ([]string, error) {
	if gtin == m.k.GTIN && serial == m.k.Serial {
		return []string{m.k.Lot}, nil
	}
	return nil, nil
}
func (m oneItem) ItemHeldBy(_ context.Context, k query.ItemKey, uscc string) (bool, error) {
	return k == m.k && uscc == maker, nil
}
func (m oneItem) BatchHeldBy(context.Context, query.BatchKey, string) (bool, error) {
	return false, nil
}
func (m oneItem) ProductHeldBy(context.Context, string, string) (bool, error) { return false, nil }
func (m oneItem) Card(_ context.Context, k query.ItemKey, _ time.Time) (query.ItemCard, bool, error) {
	return query.ItemCard{GTIN: k.GTIN, Lot: k.Lot, Serial: k.Serial}, k == m.k, nil
}

func (m oneItem) ProductCard(_ context.Context, gtin string, _ time.Time) (query.ProductCard, bool, error) {
	return query.ProductCard{GTIN: gtin}, gtin == m.k.GTIN, nil
}

// positions reads back records that carry only their position.
type positions struct{}

func (positions) ReadPositions(_ context.Context, ps []uint64) ([]event.Record, error) {
	out := make([]event.Record, len(ps))
	for i, p := range ps {
		out[i].Position = p
	}
	return out, nil
}

func TestAnEnterpriseReadsOnlyTheHistoriesOfGoodsItHeld(t *testing.T) {
	code, err := ident.ParseItemCode("/01/06901234567892/10/L1/21/S1")
	if err != nil {
		t.Fatal(err)
	}
	k := query.ItemKey{GTIN: code.GTIN.String(), Lot: code.Lot.String(), Serial: code.Serial.String()}
	q := query.NewHistories(oneItem{k}, positions{}, settled(2))
	for _, c := range []struct {
		name  string
		actor access.Actor
		want  error
	}{
		{"a regulator", access.Actor{Role: access.RoleRegulator}, nil},
		{"an analyst", access.Actor{Role: access.RoleAnalyst}, nil},
		{"the enterprise that held it", access.Actor{Role: access.RoleEnterprise, USCC: maker}, nil},
		{"an enterprise that never held it", access.Actor{Role: access.RoleEnterprise, USCC: stranger}, domain.ErrNotFound},
		{"an admin", access.Actor{Role: access.RoleAdmin}, domain.ErrForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := q.Item(t.Context(), query.Read{Actor: c.actor}, code, query.PageSpec{})
			if !errors.Is(err, c.want) {
				t.Fatalf("item history: %v, want %v", err, c.want)
			}
			if c.want == nil && len(h.Events) != 2 {
				t.Fatalf("%d events, want 2", len(h.Events))
			}
		})
	}

	// The card is public; it reads nothing personal.
	if _, err := q.Card(t.Context(), query.Read{}, code); err != nil {
		t.Fatalf("card: %v", err)
	}

	// An enterprise reads only its own history.
	self := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: maker}}
	if _, err := q.Enterprise(t.Context(), self, maker, query.PageSpec{Limit: 10}); err != nil {
		t.Fatalf("own history: %v", err)
	}
	if _, err := q.Enterprise(t.Context(), self, shop, query.PageSpec{Limit: 10}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("another's history: %v, want the answer of an unknown enterprise", err)
	}
}

func TestAnItemCodeWithoutALotIsFoundByItsSerial(t *testing.T) {
	code, err := ident.ParseItemCode("/01/06901234567892/10/L1/21/S1")
	if err != nil {
		t.Fatal(err)
	}
	k := query.ItemKey{GTIN: code.GTIN.String(), Lot: code.Lot.String(), Serial: code.Serial.String()}
	q := query.NewHistories(oneItem{k}, positions{}, settled(2))
	noLot := code
	noLot.Lot = ident.Lot{}
	h, err := q.Item(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleRegulator}}, noLot, query.PageSpec{})
	if err != nil || h.Key != k {
		t.Fatalf("item by serial: %+v, %v; want %+v", h.Key, err, k)
	}
}
