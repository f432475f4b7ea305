package command_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// certWorld is an importer holding released goods of an imported product
// with no certificate yet, a retailer, and the ledger's clock.
type certWorld struct {
	t         *testing.T
	h         *command.Handlers
	clock     time.Time
	imp, shop string
	gtin, lot string
}

func newCertWorld(t *testing.T) *certWorld {
	w := &certWorld{t: t, clock: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC),
		imp: "91310000MA1FL0000N", shop: "91440300MA5DC0000Y", gtin: "3017620422003", lot: "L1"}
	w.h = command.NewHandlers(&conflictingStore{}, command.Options{Now: func() time.Time { return w.clock }})
	ctx := t.Context()
	w.must(w.h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: w.imp, Name: "I", Region: "上海", Roles: []string{"importer", "distributor"}}))
	w.must(w.h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: w.shop, Name: "S", Region: "深圳", Roles: []string{"retailer"}}))
	w.must(w.h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: w.gtin, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "FR", Manufacturer: "M", OwnerUSCC: w.imp, ShelfLifeDays: 365}))
	w.must(w.h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: w.gtin, Lot: w.lot, Quantity: 100, ProducedOn: "2026-05-01", ExpiresOn: "2027-05-01", OwnerUSCC: w.imp}))
	w.must(w.h.DeclareCustoms(ctx, regulator, command.DeclareCustoms{DeclarationNo: "222920261000000001", Port: "上海洋山港", ImporterUSCC: w.imp,
		Lines: []command.DeclarationLine{{GTIN: w.gtin, Lot: w.lot, Quantity: 100, HSCode: "1806900000", OriginCountry: "FR"}}}))
	w.must(w.h.DecideRelease(ctx, regulator, command.DecideRelease{DeclarationNo: "222920261000000001", Decision: "released"}))
	return w
}

func (w *certWorld) must(out command.Outcome, err error) command.Outcome {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
	return out
}

func (w *certWorld) ship(q int64) string {
	w.t.Helper()
	return w.must(w.h.Ship(w.t.Context(), regulator, command.Ship{FromUSCC: w.imp, ToUSCC: w.shop, Waybill: "SF1",
		Lines: []command.QuantityLine{{GTIN: w.gtin, Lot: w.lot, Quantity: q}}})).ShipmentID
}

func (w *certWorld) receive(id string) error {
	_, err := w.h.ConfirmReceipt(w.t.Context(), access.Actor{Role: access.RoleEnterprise, USCC: w.shop}, command.ConfirmReceipt{ShipmentID: id})
	return err
}

func (w *certWorld) sell(q int64) error {
	_, err := w.h.Sell(w.t.Context(), regulator, command.Sell{SellerUSCC: w.shop, Channel: "门店",
		Lines: []command.QuantityLine{{GTIN: w.gtin, Lot: w.lot, Quantity: q}}})
	return err
}

func (w *certWorld) notify() error {
	_, err := w.h.NotifyBarcode(w.t.Context(), regulator, command.NotifyBarcode{GTIN: w.gtin, NotifierUSCC: w.imp, RecordNo: "R1"})
	return err
}

// wantCertRefusal checks a refusal names the certificate's state and the
// request's field.
func wantCertRefusal(t *testing.T, err error, state, verb, field string) {
	t.Helper()
	var re *domain.RuleError
	if !errors.As(err, &re) || !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("error = %v, want a conflict", err)
	}
	if !strings.Contains(re.Message, "is "+state+": imported goods cannot be "+verb) || re.Field != field {
		t.Fatalf("refusal %q on field %q, want the state %s and field %s", re.Message, re.Field, state, field)
	}
}

func TestImportedGoodsAreReceivedAndSoldOnlyUnderAnIssuedCertificateAtTheLedgersClock(t *testing.T) {
	w := newCertWorld(t)
	ctx := t.Context()
	id := w.ship(50)
	wantCertRefusal(t, w.receive(id), "none", "received", "id")
	w.must(w.h.NotifyBarcode(ctx, regulator, command.NotifyBarcode{GTIN: w.gtin, NotifierUSCC: w.imp, RecordNo: "R1"}))
	wantCertRefusal(t, w.receive(id), "notified", "received", "id")
	valid := true
	w.must(w.h.VerifyBarcode(ctx, regulator, command.VerifyBarcode{GTIN: w.gtin, Valid: &valid, ValidDays: 10}))
	if err := w.receive(id); err != nil {
		t.Fatalf("receive under an issued certificate: %v", err)
	}
	if err := w.sell(1); err != nil {
		t.Fatalf("sell under an issued certificate: %v", err)
	}

	// A client's occurred_at does not bring a lapsed certificate back.
	w.clock = w.clock.AddDate(0, 0, 10)
	past := w.clock.AddDate(0, 0, -5)
	_, err := w.h.Sell(ctx, regulator, command.Sell{Common: command.Common{OccurredAt: &past}, SellerUSCC: w.shop, Channel: "门店",
		Lines: []command.QuantityLine{{GTIN: w.gtin, Lot: w.lot, Quantity: 1}}})
	wantCertRefusal(t, err, "expired", "sold", "lines")
	if _, err := w.h.RenewCertificate(ctx, regulator, command.RenewCertificate{GTIN: w.gtin}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("renewal of an expired certificate: %v, want a conflict", err)
	}
}

func TestARenewedCertificateKeepsGoodsOnSaleAfterItsFirstExpiry(t *testing.T) {
	w := newCertWorld(t)
	ctx := t.Context()
	valid := true
	w.must(w.h.NotifyBarcode(ctx, regulator, command.NotifyBarcode{GTIN: w.gtin, NotifierUSCC: w.imp, RecordNo: "R1"}))
	w.must(w.h.VerifyBarcode(ctx, regulator, command.VerifyBarcode{GTIN: w.gtin, Valid: &valid, ValidDays: 10}))
	id := w.ship(50)
	w.must(w.h.RenewCertificate(ctx, regulator, command.RenewCertificate{GTIN: w.gtin, ValidDays: 30}))
	w.clock = w.clock.AddDate(0, 0, 20)
	if err := w.receive(id); err != nil {
		t.Fatalf("receive after the first expiry under a renewed certificate: %v", err)
	}
	if err := w.sell(1); err != nil {
		t.Fatalf("sell after the first expiry under a renewed certificate: %v", err)
	}
	shop := access.Actor{Role: access.RoleEnterprise, USCC: w.shop}
	if _, err := w.h.RenewCertificate(ctx, shop, command.RenewCertificate{GTIN: w.gtin}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an enterprise renewed a certificate: %v", err)
	}
	// The holder amends its notified data; the certificate stays issued.
	imp := access.Actor{Role: access.RoleEnterprise, USCC: w.imp}
	w.must(w.h.AmendCertificate(ctx, imp, command.AmendCertificate{GTIN: w.gtin, HolderUSCC: w.imp, RecordNo: "R2", Reason: "备案号变更"}))
	if _, err := w.h.AmendCertificate(ctx, shop, command.AmendCertificate{GTIN: w.gtin, HolderUSCC: w.imp, RecordNo: "R3", Reason: "x"}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a stranger amended the certificate: %v", err)
	}
	if err := w.sell(1); err != nil {
		t.Fatalf("sell under an amended certificate: %v", err)
	}
}

func TestARevokedProductIsNotifiedAgainOnlyWithTheRegulatorsLeave(t *testing.T) {
	w := newCertWorld(t)
	ctx := t.Context()
	valid := true
	if err := w.notify(); err != nil {
		t.Fatal(err)
	}
	w.must(w.h.VerifyBarcode(ctx, regulator, command.VerifyBarcode{GTIN: w.gtin, Valid: &valid}))
	id := w.ship(10)
	w.must(w.h.RevokeCertificate(ctx, regulator, command.RevokeCertificate{GTIN: w.gtin, Reason: "fraud"}))
	w.clock = w.clock.Add(time.Minute)
	wantCertRefusal(t, w.receive(id), "revoked", "received", "id")
	if err := w.notify(); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("notify after a revocation without leave: %v, want a conflict", err)
	}
	imp := access.Actor{Role: access.RoleEnterprise, USCC: w.imp}
	if _, err := w.h.AllowRenotification(ctx, imp, command.AllowRenotification{GTIN: w.gtin, Reason: "x"}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an enterprise allowed its own re-notification: %v", err)
	}
	w.must(w.h.AllowRenotification(ctx, regulator, command.AllowRenotification{GTIN: w.gtin, Reason: "remedied"}))
	if err := w.notify(); err != nil {
		t.Fatalf("notify after leave: %v", err)
	}
	w.must(w.h.VerifyBarcode(ctx, regulator, command.VerifyBarcode{GTIN: w.gtin, Valid: &valid}))
	if err := w.receive(id); err != nil {
		t.Fatalf("receive under the new certificate: %v", err)
	}
}
