package product_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

const gtin = "12312312312333"

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func importer(t *testing.T) ident.USCC {
	u, err := ident.NewUSCC("91310000MA1FL0000")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func registered(origin string) product.Registered {
	return product.Registered{GTIN: gtin, Name: "Lait", Brand: "B", Spec: "1L", Category: "dairy",
		OriginCountry: origin, Manufacturer: "M", OwnerUSCC: "91310000MA1FL0000N", ShelfLifeDays: 180}
}

func notified(t *testing.T) product.BarcodeNotified {
	return product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer(t).String()}
}

func issued(from, to string) product.CertificateIssued {
	return product.CertificateIssued{GTIN: gtin, CertificateNo: "TZ2026" + gtin + "01", ValidFrom: from, ValidTo: to}
}

func load(t *testing.T, events ...event.Event) *product.Product {
	t.Helper()
	p := Loaded(t, product.Load, "product-"+gtin, events...)
	return p
}

func TestCertificateStateMachine(t *testing.T) {
	rejected := product.CertificateRejected{GTIN: gtin, Reason: "unknown prefix"}
	revoked := product.CertificateRevoked{GTIN: gtin, CertificateNo: "TZ2026" + gtin + "01", Reason: "fraud", RevokedAt: "2026-11-22T09:00:00Z"}
	current := issued("2026-01-01", "2026-12-31")
	lapsed := issued("2025-01-01", "2025-12-31")
	cases := []struct {
		name       string
		given      []event.Event
		when       func(p *product.Product) error
		wantErr    error
		want       []event.Event
		wantStatus product.Status
	}{
		{"none: notify", []event.Event{registered("FR")}, func(p *product.Product) error { return p.Notify(importer(t), "R1", now) }, nil,
			[]event.Event{product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer(t).String(), RecordNo: "R1"}}, product.StatusNotified},
		{"domestic products are not notified", []event.Event{registered("CN")}, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, domain.ErrConflict, nil, product.StatusNone},
		{"unregistered product", nil, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, domain.ErrNotFound, nil, product.StatusNone},
		{"notified: valid issues", []event.Event{registered("FR"), notified(t)}, func(p *product.Product) error { return p.Verify(true, "", 0, now) }, nil,
			[]event.Event{issued("2026-11-22", "2027-11-21")}, product.StatusIssued},
		{"notified: invalid rejects", []event.Event{registered("FR"), notified(t)}, func(p *product.Product) error { return p.Verify(false, "unknown prefix", 0, now) }, nil,
			[]event.Event{rejected}, product.StatusRejected},
		{"rejection needs a reason", []event.Event{registered("FR"), notified(t)}, func(p *product.Product) error { return p.Verify(false, "", 0, now) }, domain.ErrInvalid, nil, product.StatusNotified},
		{"none: cannot verify", []event.Event{registered("FR")}, func(p *product.Product) error { return p.Verify(true, "", 0, now) }, domain.ErrConflict, nil, product.StatusNone},
		{"issued: cannot verify again", []event.Event{registered("FR"), notified(t), current}, func(p *product.Product) error { return p.Verify(true, "", 0, now) }, domain.ErrConflict, nil, product.StatusIssued},
		{"issued: cannot notify again", []event.Event{registered("FR"), notified(t), current}, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, domain.ErrConflict, nil, product.StatusIssued},
		{"issued: revoke", []event.Event{registered("FR"), notified(t), current}, func(p *product.Product) error { return p.Revoke("fraud", now) }, nil,
			[]event.Event{revoked}, product.StatusRevoked},
		{"revoked: cannot revoke again", []event.Event{registered("FR"), notified(t), current, revoked}, func(p *product.Product) error { return p.Revoke("fraud", now) }, domain.ErrConflict, nil, product.StatusRevoked},
		{"revoked: cannot notify", []event.Event{registered("FR"), notified(t), current, revoked}, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, domain.ErrConflict, nil, product.StatusRevoked},
		{"rejected: notify again", []event.Event{registered("FR"), notified(t), rejected}, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, nil,
			[]event.Event{notified(t)}, product.StatusNotified},
		{"expired: notify again", []event.Event{registered("FR"), notified(t), lapsed}, func(p *product.Product) error { return p.Notify(importer(t), "", now) }, nil,
			[]event.Event{notified(t)}, product.StatusNotified},
		{"notified: cannot revoke", []event.Event{registered("FR"), notified(t)}, func(p *product.Product) error { return p.Revoke("x", now) }, domain.ErrConflict, nil, product.StatusNotified},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := load(t, c.given...)
			Then(t, p, c.when(p), c.wantErr, c.want...)
			if got := p.Status(now); got != c.wantStatus {
				t.Fatalf("status = %s, want %s", got, c.wantStatus)
			}
		})
	}
}

func TestExpiry(t *testing.T) {
	p := load(t, registered("FR"), notified(t), issued("2026-01-01", "2026-11-22"))
	if s := p.Status(now); s != product.StatusIssued {
		t.Fatalf("on its last day the certificate is %s, want issued", s)
	}
	if s := p.Status(now.AddDate(0, 0, 1)); s != product.StatusExpired {
		t.Fatalf("the day after valid_to the certificate is %s, want expired", s)
	}
}

func TestRevocationCountsFromItsTime(t *testing.T) {
	p := load(t, registered("FR"), notified(t), issued("2026-01-01", "2026-12-31"),
		product.CertificateRevoked{GTIN: gtin, CertificateNo: "TZ2026" + gtin + "01", Reason: "fraud", RevokedAt: "2026-11-22T09:00:00Z"})
	if s := p.Status(now.Add(-time.Hour)); s != product.StatusIssued {
		t.Fatalf("an hour before the revocation the certificate is %s, want issued", s)
	}
	if s := p.Status(now); s != product.StatusRevoked {
		t.Fatalf("at the revocation the certificate is %s, want revoked", s)
	}
}
