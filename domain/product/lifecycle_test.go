package product_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

const certNo = "TZ2026" + gtin + "01"

func other(t *testing.T) ident.USCC {
	u, err := ident.NewUSCC("91440300MA5DC0000")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRenewalExtendsAnIssuedCertificateBeforeItExpires(t *testing.T) {
	current := issued("2026-01-01", "2026-12-31")
	lapsed := issued("2025-01-01", "2025-12-31")
	renewed := product.CertificateRenewed{GTIN: gtin, CertificateNo: certNo, Version: 2, ValidFrom: "2026-01-01", ValidTo: "2027-12-31", PreviousValidTo: "2026-12-31"}
	revoked := product.CertificateRevoked{GTIN: gtin, CertificateNo: certNo, Reason: "fraud", RevokedAt: "2026-11-01T00:00:00Z"}
	cases := []struct {
		name    string
		given   []event.Event
		days    int
		wantErr error
		want    []event.Event
	}{
		{"issued: renewed for a year after its last day", []event.Event{registered("FR"), notified(t), current}, 0, nil, []event.Event{renewed}},
		{"renewed again: version 3", []event.Event{registered("FR"), notified(t), current, renewed}, 30, nil,
			[]event.Event{product.CertificateRenewed{GTIN: gtin, CertificateNo: certNo, Version: 3, ValidFrom: "2026-01-01", ValidTo: "2028-01-30", PreviousValidTo: "2027-12-31"}}},
		{"expired: not renewed", []event.Event{registered("FR"), notified(t), lapsed}, 0, domain.ErrConflict, nil},
		{"revoked: not renewed", []event.Event{registered("FR"), notified(t), current, revoked}, 0, domain.ErrConflict, nil},
		{"notified: not renewed", []event.Event{registered("FR"), notified(t)}, 0, domain.ErrConflict, nil},
		{"valid days bounded", []event.Event{registered("FR"), notified(t), current}, 4000, domain.ErrInvalid, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := load(t, c.given...)
			Then(t, p, p.Renew(c.days, now), c.wantErr, c.want...)
		})
	}
	p := load(t, registered("FR"), notified(t), current, renewed)
	if s := p.Status(now.AddDate(0, 2, 0)); s != product.StatusIssued {
		t.Fatalf("after the old valid_to a renewed certificate is %s, want issued", s)
	}
	if _, _, to := p.Certificate(); to.Format(product.DateLayout) != "2027-12-31" || p.CertificateVersion() != 2 {
		t.Fatalf("renewed certificate valid to %s, version %d", to, p.CertificateVersion())
	}
}

func TestAmendmentChangesTheNotifiedDataAndKeepsTheCertificateIssued(t *testing.T) {
	current := issued("2026-01-01", "2026-12-31")
	given := []event.Event{registered("FR"), product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer(t).String(), RecordNo: "R1"}, current}
	authorised := product.ImporterAuthorised{GTIN: gtin, ImporterUSCC: other(t).String()}
	cases := []struct {
		name    string
		given   []event.Event
		by      ident.USCC
		a       product.Amendment
		wantErr error
		want    []event.Event
	}{
		{"record number", given, importer(t), product.Amendment{RecordNo: "R2", Reason: "new filing"}, nil,
			[]event.Event{product.CertificateAmended{GTIN: gtin, CertificateNo: certNo, Version: 2, Reason: "new filing",
				Changes: []product.Change{{Field: "record_no", From: "R1", To: "R2"}}}}},
		{"holder passes to an authorised importer", append(given[:3:3], authorised), importer(t), product.Amendment{Holder: other(t), Reason: "agency moved"}, nil,
			[]event.Event{product.CertificateAmended{GTIN: gtin, CertificateNo: certNo, Version: 2, Reason: "agency moved",
				Changes: []product.Change{{Field: "holder_uscc", From: importer(t).String(), To: other(t).String()}}}}},
		{"holder must act for the product", given, importer(t), product.Amendment{Holder: other(t), Reason: "x"}, domain.ErrForbidden, nil},
		{"only the owner or an authorised importer amends", given, other(t), product.Amendment{RecordNo: "R2", Reason: "x"}, domain.ErrForbidden, nil},
		{"a change is required", given, importer(t), product.Amendment{RecordNo: "R1", Reason: "x"}, domain.ErrInvalid, nil},
		{"a reason is required", given, importer(t), product.Amendment{RecordNo: "R2"}, domain.ErrInvalid, nil},
		{"only an issued certificate", given[:2], importer(t), product.Amendment{RecordNo: "R2", Reason: "x"}, domain.ErrConflict, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := load(t, c.given...)
			Then(t, p, p.Amend(c.by, c.a, now), c.wantErr, c.want...)
			if c.wantErr == nil && p.Status(now) != product.StatusIssued {
				t.Fatalf("amended certificate is %s, want issued", p.Status(now))
			}
		})
	}
}

func TestRenotificationAfterRevocationNeedsTheRegulatorsLeave(t *testing.T) {
	current := issued("2026-01-01", "2026-12-31")
	revoked := product.CertificateRevoked{GTIN: gtin, CertificateNo: certNo, Reason: "fraud", RevokedAt: "2026-11-01T00:00:00Z"}
	allowed := product.RenotificationAllowed{GTIN: gtin, CertificateNo: certNo, Reason: "remedied"}
	base := []event.Event{registered("FR"), notified(t), current, revoked}

	p := load(t, base...)
	Then(t, p, p.Notify(importer(t), "R9", now), domain.ErrConflict)

	p = load(t, base...)
	Then(t, p, p.AllowRenotification("remedied", now), nil, allowed)
	p = load(t, append(base, allowed)...)
	Then(t, p, p.AllowRenotification("again", now), domain.ErrConflict)
	p = load(t, append(base, allowed)...)
	Then(t, p, p.Notify(importer(t), "R9", now), nil, product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer(t).String(), RecordNo: "R9"})
	if s := p.Status(now); s != product.StatusNotified {
		t.Fatalf("after the new notification the certificate is %s, want notified", s)
	}
	if err := p.Verify(true, "", 0, now); err != nil {
		t.Fatalf("verify the new notification: %v", err)
	}
	if no, _, _ := p.Certificate(); no != "TZ2026"+gtin+"02" || p.CertificateVersion() != 1 {
		t.Fatalf("new certificate %s version %d, want a second number at version 1", no, p.CertificateVersion())
	}

	p = load(t, registered("FR"), notified(t), current)
	Then(t, p, p.AllowRenotification("x", now), domain.ErrConflict)
}
