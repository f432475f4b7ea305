package certificate

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/product"
)

func TestTheProductDirectoryListsRegistrationsWithTheCertificateAtTheQueryTime(t *testing.T) {
	reg := product.Registered{GTIN: gtinA, Name: "Nutella", Brand: "Ferrero", Category: "糖果", OriginCountry: "FR", Manufacturer: "Ferrero SpA", OwnerUSCC: importer}
	p := fold(t, reg, notified, issued, product.BarcodeNotified{GTIN: "09999999999999", NotifierUSCC: importer})
	got := p.Products(t0)
	if len(got) != 1 {
		t.Fatalf("listed %d products, want only the registered one: %+v", len(got), got)
	}
	g := got[0]
	if g.GTIN != gtinA || g.Name != "Nutella" || g.Brand != "Ferrero" || g.Category != "糖果" || g.OriginCountry != "FR" || !g.Imported ||
		g.OwnerUSCC != importer || g.NotifierUSCC != importer || g.Certificate != "issued" || g.ValidTo != "2026-02-28" || g.Position != 1 {
		t.Fatalf("listed %+v", g)
	}
	if s := p.Products(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))[0].Certificate; s != "expired" {
		t.Fatalf("after valid_to the certificate is %s, want expired", s)
	}
}
