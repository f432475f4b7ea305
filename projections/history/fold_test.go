package history

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/projections/runner"
)

const (
	gtin  = "03017620422003"
	lot   = "L1"
	imp   = "91350100M000100Y43"
	dist  = "91310000MA1FL8XQ3B"
	shopA = "91440101MA5ABCDE1M"
	shopB = "91110000600037341L"
	other = "91440300MA5F0000XX"
)

// scenario: an importer clears and labels three units, ships them to a
// distributor, who ships one to shop A and two to shop B (an e-commerce
// seller); shop B sells one, the batch is recalled and shop B returns the
// other; a complaint names the sold unit; a market inspection samples the
// batch at shop A; shop B is penalised.
func scenario() *logBuilder {
	b := newLog()
	b.add("reg-imp", "", enterprise.Registered{USCC: imp, Name: "Importer", Roles: []string{"importer"}})
	b.add("reg-dist", "", enterprise.Registered{USCC: dist, Name: "Distributor", Roles: []string{"distributor"}})
	b.add("reg-a", "", enterprise.Registered{USCC: shopA, Name: "Shop A", Roles: []string{"retailer"}})
	b.add("reg-b", "", enterprise.Registered{USCC: shopB, Name: "Shop B", Roles: []string{"retailer", "ecommerce"}})
	b.add("product", imp, product.Registered{GTIN: gtin, Name: "Nutella", Brand: "Ferrero", Spec: "750g", Category: "spread",
		OriginCountry: "FR", Manufacturer: "Ferrero France", OwnerUSCC: imp})
	b.add("notified", imp, product.BarcodeNotified{GTIN: gtin, NotifierUSCC: imp, RecordNo: "R-42"})
	b.add("issued", "", product.CertificateIssued{GTIN: gtin, CertificateNo: "TZ1", ValidFrom: "2025-03-01", ValidTo: "2026-02-28"})
	b.add("batch", imp, batch.Registered{GTIN: gtin, Lot: lot, Quantity: 3, ProducedOn: "2025-01-10", ExpiresOn: "2026-01-10",
		OwnerUSCC: imp, OriginCountry: "FR", Imported: true})
	b.add("declared", imp, customs.Declared{DeclarationNo: "D1", Port: "Nansha", ImporterUSCC: imp,
		Lines: []customs.Line{{GTIN: gtin, Lot: lot, Quantity: 3}}})
	b.add("inspected", "", customs.Inspected{DeclarationNo: "D1", Result: "pass"})
	b.add("released", "", customs.Released{DeclarationNo: "D1"})
	b.add("cleared", "", batch.Cleared{GTIN: gtin, Lot: lot, DeclarationNo: "D1", Decision: "released"})
	b.add("labelled", imp, batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: imp, Serials: []string{"S1", "S2", "S3"}})
	b.add("dispatch1", imp, shipment.Dispatched{ShipmentID: "sh1", FromUSCC: imp, ToUSCC: dist, Waybill: "W1",
		Batches: []shipment.BatchKey{{GTIN: gtin, Lot: lot}}, Units: 3})
	b.add("shipped1", imp, batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "sh1", FromUSCC: imp, ToUSCC: dist, Waybill: "W1",
		Units: batch.Units{Serials: []string{"S1", "S2", "S3"}}})
	b.add("receipt1", dist, shipment.Received{ShipmentID: "sh1", ToUSCC: dist})
	b.add("received1", dist, batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "sh1", ToUSCC: dist,
		Units: batch.Units{Serials: []string{"S1", "S2", "S3"}}})
	b.add("dispatch2", dist, shipment.Dispatched{ShipmentID: "sh2", FromUSCC: dist, ToUSCC: shopA, Waybill: "W2",
		Batches: []shipment.BatchKey{{GTIN: gtin, Lot: lot}}, Units: 1})
	b.add("shipped2", dist, batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "sh2", FromUSCC: dist, ToUSCC: shopA, Waybill: "W2",
		Units: batch.Units{Serials: []string{"S1"}}})
	b.add("dispatch3", dist, shipment.Dispatched{ShipmentID: "sh3", FromUSCC: dist, ToUSCC: shopB, Waybill: "W3",
		Batches: []shipment.BatchKey{{GTIN: gtin, Lot: lot}}, Units: 2})
	b.add("shipped3", dist, batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "sh3", FromUSCC: dist, ToUSCC: shopB, Waybill: "W3",
		Units: batch.Units{Serials: []string{"S2", "S3"}}})
	b.add("receipt2", shopA, shipment.Received{ShipmentID: "sh2", ToUSCC: shopA})
	b.add("received2", shopA, batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "sh2", ToUSCC: shopA, Units: batch.Units{Serials: []string{"S1"}}})
	b.add("receipt3", shopB, shipment.Received{ShipmentID: "sh3", ToUSCC: shopB})
	b.add("received3", shopB, batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "sh3", ToUSCC: shopB, Units: batch.Units{Serials: []string{"S2", "S3"}}})
	b.add("sold", shopB, batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: shopB, Channel: "天猫国际", Units: batch.Units{Serials: []string{"S2"}}})
	b.add("complaint", "", complaint.Filed{ComplaintID: "c1", GTIN: gtin, Lot: lot, Serial: "S2", AgainstUSCC: shopB, Category: "quality", Severity: 2, Channel: "12315"})
	b.add("inspection", "", batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: shopA, Result: "pass"})
	b.add("recall", "", recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: gtin, Lot: lot}}, Level: 2, Reason: "包装密封不良", InitiatedByUSCC: imp,
		Hazard: "可能变质", Measures: "停止食用，退回购买处", Contact: "张三 13800000000"})
	b.add("recalled", "", batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 2})
	b.add("returned", shopB, batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: shopB, Disposition: "returned",
		Units: batch.Units{Serials: []string{"S3"}}})
	b.add("resolved", "", complaint.Resolved{ComplaintID: "c1", AgainstUSCC: shopB, Substantiated: true, Outcome: "refund"})
	b.add("penalty", "", enterprise.PenaltyImposed{USCC: shopB, Authority: "SAMR", AmountCNY: 1000, Reason: "x"})
	b.add("other-product", other, product.Registered{GTIN: "06901234567892", Name: "Tea", OwnerUSCC: other})
	return b
}

// batchWide are the scenario's events that concern every unit of the batch.
var batchWide = []string{"batch", "declared", "inspected", "released", "cleared", "inspection", "recall", "recalled"}

func TestItemHistories(t *testing.T) {
	b := scenario()
	for _, size := range []int{0, 1, 7} {
		p := b.fold(t, size)
		tests := []struct {
			name   string
			serial string
			own    []string
		}{
			{"sold unit", "S2", []string{"labelled", "shipped1", "received1", "shipped3", "received3", "sold", "complaint", "resolved"}},
			{"unit at shop A", "S1", []string{"labelled", "shipped1", "received1", "shipped2", "received2"}},
			{"returned unit", "S3", []string{"labelled", "shipped1", "received1", "shipped3", "received3", "returned"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, ok := read(t, p).Item(query.ItemKey{GTIN: gtin, Lot: lot, Serial: tc.serial})
				if !ok {
					t.Fatal("item not found")
				}
				want := b.pos(t, append(slices.Clone(batchWide), tc.own...)...)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("batch size %d: positions %v, want %v", size, got, want)
				}
			})
		}
	}
}

func TestBatchProductEnterpriseHistories(t *testing.T) {
	b := scenario()
	p := b.fold(t, 5)
	all := func(names ...string) []uint64 {
		ps := b.pos(t, names...)
		slices.Sort(ps)
		return ps
	}
	tests := []struct {
		name string
		get  func() (query.PositionPage, bool)
		want []uint64
	}{
		{"batch", func() (query.PositionPage, bool) {
			return read(t, p).BatchPage(query.BatchKey{GTIN: gtin, Lot: lot}, query.PageSpec{})
		}, all("batch", "declared", "inspected", "released",
			"cleared", "labelled", "dispatch1", "shipped1", "receipt1", "received1", "dispatch2", "shipped2", "dispatch3", "shipped3",
			"receipt2", "received2", "receipt3", "received3", "sold", "complaint", "inspection", "recall", "recalled", "returned", "resolved")},
		{"product", func() (query.PositionPage, bool) { return read(t, p).ProductPage(gtin, query.PageSpec{}) }, all("product", "notified", "issued", "batch", "complaint", "resolved")},
		{"importer", func() (query.PositionPage, bool) { return read(t, p).EnterprisePage(imp, query.PageSpec{}) }, all("reg-imp", "product", "notified", "issued", "batch", "declared",
			"inspected", "released", "labelled", "dispatch1", "shipped1", "recall")},
		{"shop A", func() (query.PositionPage, bool) { return read(t, p).EnterprisePage(shopA, query.PageSpec{}) }, all("reg-a", "dispatch2", "shipped2", "receipt2", "received2", "inspection")},
		{"shop B", func() (query.PositionPage, bool) { return read(t, p).EnterprisePage(shopB, query.PageSpec{}) }, all("reg-b", "dispatch3", "shipped3", "receipt3", "received3",
			"sold", "complaint", "returned", "resolved", "penalty")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, ok := tc.get()
			if !ok {
				t.Fatal("not found")
			}
			if !slices.Equal(pg.Positions, tc.want) || pg.Next != 0 {
				t.Errorf("got %v next %d, want %v", pg.Positions, pg.Next, tc.want)
			}
		})
	}
}

func TestHoldersAndLots(t *testing.T) {
	p := scenario().fold(t, 0)
	k := func(s string) query.ItemKey { return query.ItemKey{GTIN: gtin, Lot: lot, Serial: s} }
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"importer held S1", read(t, p).ItemHeldBy(k("S1"), imp), true},
		{"distributor held S1", read(t, p).ItemHeldBy(k("S1"), dist), true},
		{"shop A holds S1", read(t, p).ItemHeldBy(k("S1"), shopA), true},
		{"shop B never held S1", read(t, p).ItemHeldBy(k("S1"), shopB), false},
		{"shop A never held S2", read(t, p).ItemHeldBy(k("S2"), shopA), false},
		{"unknown enterprise", read(t, p).ItemHeldBy(k("S1"), other), false},
		{"unknown item", read(t, p).ItemHeldBy(k("S9"), imp), false},
		{"shop B held the batch", read(t, p).BatchHeldBy(query.BatchKey{GTIN: gtin, Lot: lot}, shopB), true},
		{"other never held the batch", read(t, p).BatchHeldBy(query.BatchKey{GTIN: gtin, Lot: lot}, other), false},
		{"shop A held the product", read(t, p).ProductHeldBy(gtin, shopA), true},
		{"other owns its own product only", read(t, p).ProductHeldBy(gtin, other), false},
		{"other owns the tea", read(t, p).ProductHeldBy("06901234567892", other), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if got := read(t, p).ItemHolders(k("S2")); !slices.Equal(got, []string{imp, dist, shopB}) {
		t.Errorf("holders of S2: %v", got)
	}
	if got := read(t, p).BatchHolders(query.BatchKey{GTIN: gtin, Lot: lot}); !slices.Equal(got, []string{imp, dist, shopA, shopB}) {
		t.Errorf("holders of the batch: %v", got)
	}
	if got := read(t, p).LotsOf(gtin, "S2"); !slices.Equal(got, []string{lot}) {
		t.Errorf("LotsOf S2: %v", got)
	}
	if got := read(t, p).LotsOf(gtin, "S9"); len(got) != 0 {
		t.Errorf("LotsOf unknown serial: %v", got)
	}
}

func TestSerialInTwoLots(t *testing.T) {
	b := newLog()
	b.add("", imp, batch.Registered{GTIN: gtin, Lot: "A", OwnerUSCC: imp})
	b.add("", imp, batch.Registered{GTIN: gtin, Lot: "B", OwnerUSCC: imp})
	b.add("a", imp, batch.Labelled{GTIN: gtin, Lot: "A", OwnerUSCC: imp, Serials: []string{"S1"}})
	b.add("b", imp, batch.Labelled{GTIN: gtin, Lot: "B", OwnerUSCC: imp, Serials: []string{"S1"}})
	b.add("c", imp, batch.Labelled{GTIN: gtin, Lot: "C", OwnerUSCC: imp, Serials: []string{"S1"}})
	p := b.fold(t, 0)
	q := roundTrip(t, p)
	for name, m := range map[string]*Projection{"folded": p, "restored": q} {
		if got := read(t, m).LotsOf(gtin, "S1"); !slices.Equal(got, []string{"A", "B", "C"}) {
			t.Errorf("%s: LotsOf = %v", name, got)
		}
		got, _ := read(t, m).Item(query.ItemKey{GTIN: gtin, Lot: "B", Serial: "S1"})
		if !slices.Equal(got, []uint64{2, b.named["b"]}) {
			t.Errorf("%s: item in lot B: %v", name, got)
		}
	}
}

func TestPaging(t *testing.T) {
	ps := []uint64{3, 5, 8, 13, 21}
	tests := []struct {
		name  string
		after uint64
		limit int
		want  query.PositionPage
	}{
		{"first page", 0, 2, query.PositionPage{Positions: []uint64{3, 5}, Next: 5}},
		{"middle page", 5, 2, query.PositionPage{Positions: []uint64{8, 13}, Next: 13}},
		{"last page", 13, 2, query.PositionPage{Positions: []uint64{21}}},
		{"exactly the rest", 8, 2, query.PositionPage{Positions: []uint64{13, 21}}},
		{"after a position not in the list", 4, 1, query.PositionPage{Positions: []uint64{5}, Next: 5}},
		{"past the end", 21, 2, query.PositionPage{Positions: []uint64{}}},
		{"all", 0, 0, query.PositionPage{Positions: ps}},
	}
	// The same pages cut from a list in memory (an item's merged history)
	// and scanned from chunks in the store (every other history).
	stamps := make([]stamped, len(ps))
	m := newModel(t)
	w := m.m.Begin()
	for i, p := range ps {
		stamps[i] = stamped{pos: p}
	}
	if err := w.Set(withPos(entPrefix("x"), headPos), encodeChunk(stamps)); err != nil || w.Commit(21) != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := query.PageSpec{After: tc.after, Limit: tc.limit}
			if got := page(stamps, spec); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("in memory: got %+v, want %+v", got, tc.want)
			}
			if got, err := chunkPage(m.m, entPrefix("x"), spec); err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("scanned: got %+v (%v), want %+v", got, err, tc.want)
			}
		})
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	b := scenario()
	p := b.fold(t, 0)
	q := roundTrip(t, p)
	// The restored model answers as the folded one, and keeps folding the
	// same: an event after the snapshot lands in both alike.
	for _, m := range []*Projection{p, q} {
		env := b.envs[len(b.envs)-1]
		env.Position = uint64(len(b.envs) + 1)
		env.Event = batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "sh4", FromUSCC: shopA, ToUSCC: shopB, Waybill: "W4",
			Units: batch.Units{Serials: []string{"S1"}}}
		if err := m.Apply([]runner.Envelope{env}); err != nil {
			t.Fatal(err)
		}
	}
	var a, c bytes.Buffer
	p.Snapshot(&a)
	q.Snapshot(&c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("restored model folds differently from the original")
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"S1", "S2", "S3"} {
		k := query.ItemKey{GTIN: gtin, Lot: lot, Serial: s}
		c1, _ := read(t, p).Card(k, now)
		c2, _ := read(t, q).Card(k, now)
		if !reflect.DeepEqual(c1, c2) {
			t.Errorf("card %s: %+v vs %+v", s, c1, c2)
		}
	}
	p.Reset()
	if _, ok := read(t, p).Item(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"}); ok {
		t.Error("Reset kept an item")
	}
	roundTrip(t, p)
}

// A disposal of a withdrawn item is in its history; its card does not call
// it a return under a recall (the batch is recalled here, and S1 was not
// returned under the recall: it was disposed of).
func TestAnItemsHistoryHoldsItsDisposal(t *testing.T) {
	b := scenario()
	b.add("withdrawn", shopA, batch.Withdrawn{GTIN: gtin, Lot: lot, HolderUSCC: shopA, Reason: batch.ReasonExpired, Units: batch.Units{Serials: []string{"S1"}}})
	b.add("disposed", shopA, batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: shopA, Disposition: batch.DispositionReturnedToSupplier, SupplierUSCC: dist,
		Units: batch.Units{Serials: []string{"S1"}}})
	p := b.fold(t, 0)
	got, ok := read(t, p).Item(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"})
	if !ok || !slices.Contains(got, b.pos(t, "disposed")[0]) {
		t.Fatalf("S1's history %v lacks its disposal at %v", got, b.pos(t, "disposed"))
	}
	c, ok := read(t, p).Card(query.ItemKey{GTIN: gtin, Lot: lot, Serial: "S1"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if !ok || c.RecallStatus != "recalled" || c.RecallID != "r1" {
		t.Fatalf("S1's card: recall status %q, recall %q; want recalled under r1", c.RecallStatus, c.RecallID)
	}
}
