package history

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/product"
)

func TestCard(t *testing.T) {
	b := scenario()
	p := b.fold(t, 0)
	at := func(name string) time.Time { return b.envs[b.named[name]-1].Metadata.OccurredAt }
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	common := query.ItemCard{GTIN: gtin, Lot: lot, ProductName: "Nutella", Brand: "Ferrero", Spec: "750g", Category: "spread",
		OriginCountry: "FR", Manufacturer: "Ferrero France", Owner: "Importer", OwnerUSCC: imp, Importer: "Importer", ImporterUSCC: imp,
		CertificateNo: "TZ1", CertificateStatus: "issued", RecordNo: "R-42", DeclarationNo: "D1", Port: "Nansha",
		InspectionResult: "pass", CustomsDecision: "released", ReleasedOn: at("released").Format("2006-01-02"),
		ProducedOn: "2025-01-10", ExpiresOn: "2026-01-10", WarehouseIntake: at("labelled").Format(time.RFC3339),
		WarehouseIntakeBy: "Importer", WarehouseIntakeByUSCC: imp, RecallStatus: "recalled", RecallID: "r1", RecallLevel: 2, RecallReason: "包装密封不良",
		RecallHazard: "可能变质", RecallMeasures: "停止食用，退回购买处", RecallBy: "Importer", RecallByUSCC: imp}
	card := func(serial string, edit func(*query.ItemCard)) query.ItemCard {
		c := common
		c.Serial, c.Code = serial, "/01/"+gtin+"/10/"+lot+"/21/"+serial
		edit(&c)
		return c
	}
	tests := []struct {
		name   string
		serial string
		now    time.Time
		want   query.ItemCard
	}{
		{"sold on a platform", "S2", now, card("S2", func(c *query.ItemCard) {
			c.Waybill, c.Waybills = "W3", []string{"W1", "W3"}
			c.Seller, c.SellerUSCC, c.SoldOn, c.SaleChannel = "Shop B", shopB, at("sold").Format("2006-01-02"), "天猫国际"
			c.ECommercePlatform, c.ECommerceEnterprise, c.ECommerceEnterpriseUSCC = "天猫国际", "Shop B", shopB
		})},
		{"in stock at a shop", "S1", now, card("S1", func(c *query.ItemCard) {
			c.Waybill, c.Waybills = "W2", []string{"W1", "W2"}
			c.Holder, c.HolderUSCC = "Shop A", shopA
		})},
		{"returned under the recall", "S3", now, card("S3", func(c *query.ItemCard) {
			c.Waybill, c.Waybills = "W3", []string{"W1", "W3"}
			c.RecallStatus = "returned"
		})},
		{"certificate expired by now", "S1", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), card("S1", func(c *query.ItemCard) {
			c.Waybill, c.Waybills = "W2", []string{"W1", "W2"}
			c.Holder, c.HolderUSCC = "Shop A", shopA
			c.CertificateStatus = "expired"
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := read(t, p).Card(query.ItemKey{GTIN: gtin, Lot: lot, Serial: tc.serial}, tc.now)
			if !ok {
				t.Fatal("no card")
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
	if _, ok := read(t, p).Card(query.ItemKey{GTIN: gtin, Lot: "L2", Serial: "S1"}, now); ok {
		t.Error("card for an item of another lot")
	}
}

func TestCardOfADomesticUnsoldItem(t *testing.T) {
	b := newLog()
	b.add("", imp, batchRegistered("06901234567892", "X", dist))
	b.add("", dist, labelled("06901234567892", "X", dist, "1"))
	p := b.fold(t, 0)
	got, ok := read(t, p).Card(query.ItemKey{GTIN: "06901234567892", Lot: "X", Serial: "1"}, time.Now())
	if !ok {
		t.Fatal("no card")
	}
	if got.Importer != "" || got.DeclarationNo != "" || got.RecallStatus != "none" || got.CertificateStatus != "none" ||
		got.WarehouseIntakeByUSCC != dist || got.HolderUSCC != dist || got.Seller != "" {
		t.Errorf("card %+v", got)
	}
}

func TestTheCardOfARenewedAndAmendedCertificate(t *testing.T) {
	b := scenario()
	b.add("renewed", "", product.CertificateRenewed{GTIN: gtin, CertificateNo: "TZ1", Version: 2, ValidFrom: "2025-03-01", ValidTo: "2027-02-28", PreviousValidTo: "2026-02-28"})
	b.add("amended", imp, product.CertificateAmended{GTIN: gtin, CertificateNo: "TZ1", Version: 3, Reason: "备案号变更",
		Changes: []product.Change{{Field: "record_no", From: "R-42", To: "R-43"}}})
	p := b.fold(t, 0)
	c, ok := read(t, p).Card(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"}, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if !ok {
		t.Fatal("no card")
	}
	if c.CertificateStatus != "issued" || c.RecordNo != "R-43" {
		t.Errorf("card says %s with record %s after the old valid_to, want issued (renewed) with the amended record R-43", c.CertificateStatus, c.RecordNo)
	}
	if got := b.pos(t, "renewed", "amended"); !containsAll(t, p, gtin, got) {
		t.Errorf("the product's history lacks the renewal and the amendment at %v", got)
	}
}

// containsAll reports whether the product's history holds every position.
func containsAll(t *testing.T, p *Projection, gtin14 string, positions []uint64) bool {
	page, ok := read(t, p).ProductPage(gtin14, query.PageSpec{Limit: 1000})
	if !ok {
		return false
	}
	for _, want := range positions {
		if !slices.Contains(page.Positions, want) {
			return false
		}
	}
	return true
}
