package history

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

func TestProductCardShowsTheProductAndItsCertificateNow(t *testing.T) {
	p := scenario().fold(t, 0)
	want := query.ProductCard{GTIN: gtin, ProductName: "Nutella", Brand: "Ferrero", Spec: "750g", Category: "spread",
		OriginCountry: "FR", Manufacturer: "Ferrero France", Owner: "Importer", OwnerUSCC: imp, Imported: true,
		CertificateStatus: "issued", CertificateNo: "TZ1", RecordNo: "R-42"}
	got, ok := read(t, p).ProductCard(gtin, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if !ok {
		t.Fatal("no product card")
	}
	// The validity dates and the notifier come from the scenario's
	// certificate events: compare what the card adds to them.
	want.ValidFrom, want.ValidTo, want.Importer, want.ImporterUSCC = got.ValidFrom, got.ValidTo, got.Importer, got.ImporterUSCC
	if !reflect.DeepEqual(got, want) || got.ValidTo == "" {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if later, _ := read(t, p).ProductCard(gtin, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); later.CertificateStatus != "expired" {
		t.Errorf("after valid_to the certificate is %q, want expired", later.CertificateStatus)
	}
	if _, ok := read(t, p).ProductCard("04006381333931", time.Now()); ok {
		t.Error("a card for a product never registered")
	}
}

func TestTheCardTellsTheRecallsPublicPlanButNotItsContact(t *testing.T) {
	p := scenario().fold(t, 0)
	c, _ := read(t, p).Card(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"}, time.Now())
	if c.RecallHazard != "可能变质" || c.RecallMeasures != "停止食用，退回购买处" || c.RecallByUSCC != imp {
		t.Errorf("card recall = %q / %q / %q, want the plan's hazard and measures and its initiator", c.RecallHazard, c.RecallMeasures, c.RecallByUSCC)
	}
	body, _ := json.Marshal(c)
	if strings.Contains(string(body), "13800000000") || strings.Contains(string(body), "张三") {
		t.Errorf("the public card carries the plan's contact: %s", body)
	}
}
