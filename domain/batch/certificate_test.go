package batch_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
)

// Every certificate state but issued refuses imported goods at the
// receiver's intake and at the sale, naming the state and the field.
func TestImportedGoodsWithoutAValidCertificateAreNeitherReceivedNorSold(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Serials: []string{"A"}, Quantity: 2}
	inTransit := []event.Event{w.registered(true), w.labelled("A"), w.released(), w.shipped("s1", w.importer, w.retailer, u)}
	atRetailer := append(append([]event.Event{}, inTransit...), w.received("s1", w.retailer, u))
	for _, s := range []product.Status{"", product.StatusNone, product.StatusNotified, product.StatusRejected, product.StatusExpired, product.StatusRevoked} {
		t.Run("receive under "+string(s), func(t *testing.T) {
			b := load(t, inTransit...)
			err := b.Receive("s1", w.retailer, batch.ReceiptTerms{Certificate: s})
			Then(t, b, err, domain.ErrConflict)
			wantRefusal(t, err, "id", s, "received")
		})
		t.Run("sell under "+string(s), func(t *testing.T) {
			b := load(t, atRetailer...)
			err := b.Sell(w.retailer, "retail", batch.Units{Serials: []string{"A"}}, batch.SaleTerms{Certificate: s})
			Then(t, b, err, domain.ErrConflict)
			wantRefusal(t, err, "items", s, "sold")
			err = b.Sell(w.retailer, "retail", batch.Units{Quantity: 1}, batch.SaleTerms{Certificate: s})
			wantRefusal(t, err, "lines", s, "sold")
		})
	}
	t.Run("an issued certificate admits the receipt", func(t *testing.T) {
		b := load(t, inTransit...)
		Then(t, b, b.Receive("s1", w.retailer, batch.ReceiptTerms{Certificate: product.StatusIssued}), nil, w.received("s1", w.retailer, u))
	})
	t.Run("an issued certificate admits the sale", func(t *testing.T) {
		b := load(t, atRetailer...)
		sold := batch.Units{Quantity: 1}
		Then(t, b, b.Sell(w.retailer, "retail", sold, batch.SaleTerms{Certificate: product.StatusIssued}), nil,
			batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: w.retailer.String(), Channel: "retail", Units: sold})
	})
}

func TestDomesticGoodsNeedNoCertificate(t *testing.T) {
	w := newWorld(t)
	u := batch.Units{Quantity: 2}
	b := load(t, w.registered(false), w.shipped("s1", w.importer, w.retailer, u))
	if err := b.Receive("s1", w.retailer, batch.ReceiptTerms{Certificate: product.StatusNone}); err != nil {
		t.Fatalf("receive domestic goods: %v", err)
	}
	if err := b.Sell(w.retailer, "retail", batch.Units{Quantity: 1}, batch.SaleTerms{Certificate: product.StatusNone}); err != nil {
		t.Fatalf("sell domestic goods: %v", err)
	}
}

func TestDispatchOfUncertifiedImportedGoodsIsAllowed(t *testing.T) {
	w := newWorld(t)
	b := load(t, w.registered(true), w.released())
	if err := b.Ship("s1", w.importer, w.retailer, "SF1", batch.Units{Quantity: 1}); err != nil {
		t.Fatalf("the intake check is the receiver's, not the sender's: %v", err)
	}
}

func wantRefusal(t *testing.T, err error, field string, s product.Status, verb string) {
	t.Helper()
	if s == "" {
		s = product.StatusNone
	}
	var re *domain.RuleError
	if !errors.As(err, &re) {
		t.Fatalf("error %v is no rule error", err)
	}
	want := "the certificate of product " + gtin + " is " + string(s) + ": imported goods cannot be " + verb
	if re.Field != field || re.Message != want {
		t.Fatalf("refusal %q on %q, want %q on %q", re.Message, re.Field, want, field)
	}
}
