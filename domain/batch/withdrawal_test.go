package batch_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
)

// atShop is a domestic batch expiring 2027-01-01 with items A and B and 5
// units received by the retailer.
func (w world) atShop(more ...event.Event) []event.Event {
	u := batch.Units{Serials: []string{"A", "B"}, Quantity: 5}
	ev := []event.Event{w.registered(false), w.labelled("A", "B"), w.shipped("s1", w.importer, w.retailer, u), w.received("s1", w.retailer, u)}
	return append(ev, more...)
}

func (w world) inspected(result string) batch.Inspected {
	return batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: w.retailer.String(), Result: result, Findings: "x"}
}

func (w world) withdrawn(reason string, u batch.Units) batch.Withdrawn {
	return batch.Withdrawn{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Reason: reason, Units: u}
}

func ruleField(t *testing.T, err error, field string) {
	t.Helper()
	var re *domain.RuleError
	if !errors.As(err, &re) || re.Field != field || re.Message == "" {
		t.Fatalf("want a rule error on %s, got %v", field, err)
	}
}

func TestSaleOfExpiredUnitsIsRefused(t *testing.T) {
	w := newWorld(t)
	items := batch.Units{Serials: []string{"A"}}
	onExpiryDay := time.Date(2027, 1, 1, 15, 0, 0, 0, time.UTC) // 23:00 in China
	b := load(t, w.atShop()...)
	Then(t, b, b.Sell(w.retailer, "retail", items, batch.SaleTerms{Now: onExpiryDay}), nil,
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.retailer.String(), Channel: "retail", Units: items})

	dayAfterInChina := time.Date(2027, 1, 1, 16, 30, 0, 0, time.UTC) // 00:30 on 2 January in China
	b = load(t, w.atShop()...)
	err := b.Sell(w.retailer, "retail", items, batch.SaleTerms{Now: dayAfterInChina})
	Then(t, b, err, domain.ErrConflict)
	ruleField(t, err, "expires_on")
}

func TestSaleAfterAFailedInspectionAtTheSellerIsRefusedUntilReinspected(t *testing.T) {
	w := newWorld(t)
	items := batch.Units{Serials: []string{"A"}}
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	b := load(t, w.atShop(w.inspected("fail"))...)
	err := b.Sell(w.retailer, "retail", items, batch.SaleTerms{Now: now})
	Then(t, b, err, domain.ErrConflict)
	ruleField(t, err, "inspection")

	b = load(t, w.atShop(w.inspected("fail"), w.inspected("pass"))...)
	Then(t, b, b.Sell(w.retailer, "retail", items, batch.SaleTerms{Now: now}), nil,
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.retailer.String(), Channel: "retail", Units: items})

	// The failure is the retailer's: the importer still sells its own stock.
	own := batch.Units{Quantity: 1}
	b = load(t, w.atShop(w.inspected("fail"))...)
	Then(t, b, b.Sell(w.importer, "retail", own, batch.SaleTerms{Now: now}), nil,
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.importer.String(), Channel: "retail", Units: own})
}

func TestWithdrawnUnitsAreNeitherSoldNorShipped(t *testing.T) {
	w := newWorld(t)
	off := w.withdrawn(batch.ReasonExpired, batch.Units{Serials: []string{"A"}, Quantity: 4})
	b := load(t, w.atShop(off)...)
	Then(t, b, b.Sell(w.retailer, "retail", batch.Units{Serials: []string{"A"}}, batch.SaleTerms{}), domain.ErrConflict)
	Then(t, b, b.Sell(w.retailer, "retail", batch.Units{Quantity: 2}, batch.SaleTerms{}), domain.ErrConflict)
	Then(t, b, b.Ship("s2", w.retailer, w.distributor, "W", batch.Units{Serials: []string{"A"}}), domain.ErrConflict)
	left := batch.Units{Serials: []string{"B"}, Quantity: 1}
	if got := b.OnSale(w.retailer); got.Quantity != 1 || len(got.Serials) != 1 || got.Serials[0] != "B" {
		t.Fatalf("on sale %+v, want %+v", got, left)
	}
	Then(t, b, b.Sell(w.retailer, "retail", left, batch.SaleTerms{}), nil,
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.retailer.String(), Channel: "retail", Units: left})
}

func TestWithdraw(t *testing.T) {
	w := newWorld(t)
	order := batch.WithdrawalOrdered{GTIN: gtin, Lot: lot, OrderID: "o1", HolderUSCC: w.retailer.String(), Reason: batch.ReasonUncertified, Deadline: "2026-06-04T08:00:00Z"}
	all := batch.Units{Serials: []string{"A", "B"}, Quantity: 5}
	cases := []struct {
		name          string
		given         []event.Event
		reason, order string
		units         batch.Units
		wantErr       error
	}{
		{"everything on sale", w.atShop(), batch.ReasonExpired, "", all, nil},
		{"under an order", w.atShop(order), batch.ReasonOrdered, "o1", all, nil},
		{"an order of another holder", w.atShop(), batch.ReasonOrdered, "o1", all, domain.ErrNotFound},
		{"ordered without an order", w.atShop(order), batch.ReasonOrdered, "", all, domain.ErrInvalid},
		{"an unknown reason", w.atShop(), "tired", "", all, domain.ErrInvalid},
		{"twice", w.atShop(w.withdrawn(batch.ReasonExpired, all)), batch.ReasonExpired, "", batch.Units{Quantity: 1}, domain.ErrConflict},
		{"more than held", w.atShop(), batch.ReasonExpired, "", batch.Units{Quantity: 6}, domain.ErrConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := load(t, c.given...)
			Then(t, b, b.Withdraw(w.retailer, c.reason, c.order, "", c.units), c.wantErr,
				batch.Withdrawn{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Reason: c.reason, OrderID: c.order, Units: c.units})
		})
	}
}

func TestOrderWithdrawalNeedsUnitsOnSaleAtTheHolder(t *testing.T) {
	w := newWorld(t)
	b := load(t, w.atShop()...)
	Then(t, b, b.OrderWithdrawal("o1", w.retailer, batch.ReasonInspectionFailed, "", "2026-06-04T08:00:00Z"), nil,
		batch.WithdrawalOrdered{GTIN: gtin, Lot: lot, OrderID: "o1", HolderUSCC: w.retailer.String(), Reason: batch.ReasonInspectionFailed, Deadline: "2026-06-04T08:00:00Z"})
	b = load(t, w.atShop()...)
	err := b.OrderWithdrawal("o1", w.distributor, batch.ReasonExpired, "", "2026-06-04T08:00:00Z")
	Then(t, b, err, domain.ErrConflict)
	ruleField(t, err, "holder_uscc")
	b = load(t, w.atShop()...)
	Then(t, b, b.OrderWithdrawal("o1", w.retailer, batch.ReasonOrdered, "", "2026-06-04T08:00:00Z"), domain.ErrInvalid)
}

func TestDisposeOnlyWithdrawnUnits(t *testing.T) {
	w := newWorld(t)
	off := w.withdrawn(batch.ReasonExpired, batch.Units{Serials: []string{"A"}, Quantity: 2})
	disposed := func(d, sup string, u batch.Units) batch.Disposed {
		return batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Disposition: d, SupplierUSCC: sup, Units: u}
	}
	b := load(t, w.atShop(off)...)
	u := batch.Units{Serials: []string{"A"}, Quantity: 2}
	Then(t, b, b.Dispose(w.retailer, batch.DispositionDestroyed, "", u), nil, disposed(batch.DispositionDestroyed, "", u))

	b = load(t, w.atShop(off)...)
	Then(t, b, b.Dispose(w.retailer, batch.DispositionReturnedToSupplier, w.importer.String(), u), nil,
		disposed(batch.DispositionReturnedToSupplier, w.importer.String(), u))

	b = load(t, w.atShop(off)...)
	Then(t, b, b.Dispose(w.retailer, batch.DispositionDestroyed, "", batch.Units{Serials: []string{"B"}}), domain.ErrConflict)
	Then(t, b, b.Dispose(w.retailer, batch.DispositionDestroyed, "", batch.Units{Quantity: 3}), domain.ErrConflict)
	Then(t, b, b.Dispose(w.retailer, batch.DispositionReturnedToSupplier, "", u), domain.ErrInvalid)
	Then(t, b, b.Dispose(w.retailer, "burnt", "", u), domain.ErrInvalid)

	// Disposed units are gone: a second disposal finds none.
	b = load(t, w.atShop(off, disposed(batch.DispositionDestroyed, "", u))...)
	Then(t, b, b.Dispose(w.retailer, batch.DispositionDestroyed, "", batch.Units{Quantity: 1}), domain.ErrConflict)
}

func TestExpiredWithdrawByCountsChineseWorkingDaysAfterTheExpiryDate(t *testing.T) {
	// 2026-09-30 is the eve of the National Day holiday (1-7 October); 8 and
	// 9 October and Saturday 10 October (worked in its place) are working days.
	got, ok := batch.ExpiredWithdrawBy("2026-09-30")
	if !ok {
		t.Fatal("date not parsed")
	}
	if want := "2026-10-10"; got.In(time.FixedZone("CST", 8*3600)).Format(batch.DateLayout) != want {
		t.Fatalf("withdraw by %s, want %s", got, want)
	}
}

func TestDestroyedWithdrawnUnitsLeaveTheHoldersStock(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Serials: []string{"A"}, Quantity: 2}
	off := w.withdrawn(batch.ReasonExpired, u)
	destroyed := batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Disposition: batch.DispositionDestroyed, Units: u}

	// Withdrawn units are still at the holder, off sale.
	b := load(t, w.atShop(off)...)
	want := []batch.Tally{{USCC: w.retailer.String(), InStock: 7}, {USCC: w.importer.String(), InStock: 3}}
	sortTallies(want)
	if got := b.Tallies(); !reflect.DeepEqual(got, want) {
		t.Fatalf("withdrawn: tallies %+v, want %+v", got, want)
	}

	b = load(t, w.atShop(off, destroyed)...)
	want = []batch.Tally{{USCC: w.retailer.String(), InStock: 4, Destroyed: 3}, {USCC: w.importer.String(), InStock: 3}}
	sortTallies(want)
	if got := b.Tallies(); !reflect.DeepEqual(got, want) {
		t.Fatalf("destroyed: tallies %+v, want %+v", got, want)
	}
	if _, st, _ := b.ItemHolder("A"); st != batch.StateDestroyed {
		t.Fatalf("item A is %d, want destroyed", st)
	}
	// The rest stays on sale.
	if got := b.OnSale(w.retailer); got.Quantity != 3 || !reflect.DeepEqual(got.Serials, []string{"B"}) {
		t.Fatalf("on sale %+v, want B and 3 units", got)
	}
}

func TestUnitsReturnedToTheSupplierLeaveTheHolderWithoutEnteringTheSuppliersStock(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Serials: []string{"A"}, Quantity: 2}
	off := w.withdrawn(batch.ReasonExpired, u)
	back := batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Disposition: batch.DispositionReturnedToSupplier,
		SupplierUSCC: w.importer.String(), Units: u}
	b := load(t, w.atShop(off, back)...)
	want := []batch.Tally{{USCC: w.retailer.String(), InStock: 4, Returned: 3}, {USCC: w.importer.String(), InStock: 3}}
	sortTallies(want)
	if got := b.Tallies(); !reflect.DeepEqual(got, want) {
		t.Fatalf("tallies %+v, want %+v", got, want)
	}
	if _, st, _ := b.ItemHolder("A"); st != batch.StateReturned {
		t.Fatalf("item A is %d, want returned", st)
	}
}

func TestDisposedUnitsCannotBeReturnedAgainUnderARecall(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Serials: []string{"A", "B"}, Quantity: 5}
	off := w.withdrawn(batch.ReasonExpired, u)
	destroyed := batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: w.retailer.String(), Disposition: batch.DispositionDestroyed, Units: u}
	recalled := batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2}
	b := load(t, w.atShop(off, destroyed, recalled)...)
	Then(t, b, b.Return("r1", w.retailer, batch.DispositionReturned, batch.Units{Serials: []string{"A"}}), domain.ErrConflict)
	Then(t, b, b.Return("r1", w.retailer, batch.DispositionReturned, batch.Units{Quantity: 1}), domain.ErrConflict)
	// The holder has nothing left to account for.
	for _, tl := range b.Tallies() {
		if tl.USCC == w.retailer.String() && tl.Outstanding() != 0 {
			t.Fatalf("retailer still has %d units outstanding", tl.Outstanding())
		}
	}
}

func sortTallies(ts []batch.Tally) {
	slices.SortFunc(ts, func(a, b batch.Tally) int { return strings.Compare(a.USCC, b.USCC) })
}
