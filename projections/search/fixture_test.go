package search_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// uscc completes a 17-character body with its check character.
func uscc(t testing.TB, body string) string {
	t.Helper()
	u, err := ident.NewUSCC(body)
	if err != nil {
		t.Fatalf("uscc %s: %v", body, err)
	}
	return u.String()
}

// gtin completes a 13-digit body with its check digit, as a GTIN-14.
func gtin(t testing.TB, body string) string {
	t.Helper()
	c, err := ident.CheckDigit(body)
	if err != nil {
		t.Fatalf("gtin %s: %v", body, err)
	}
	return body + string(c)
}

// world is a small ledger's cast: who and what the fixture's events name.
type world struct {
	harbin, shanghai, guangzhou, beijing, qingdao string // enterprises
	oats, oatMilk, milk, rye, cereal              string // products
	declShanghai, declQingdao                     string
	complaintID, recallID                         string
}

// fixture is a realistic ledger in miniature: five enterprises (one named
// 福瑞, others sharing one of its characters), oat and non-oat products,
// batches traded down a chain, two declarations, a complaint and a recall.
func fixture(t testing.TB) (world, []runner.Envelope) {
	w := world{
		harbin:       uscc(t, "91230103MA1FRX001"),
		shanghai:     uscc(t, "91310115MA1ERJ002"),
		guangzhou:    uscc(t, "91440115MA5RFC003"),
		beijing:      uscc(t, "91110105MA0FYD004"),
		qingdao:      uscc(t, "91370212MA3HTG005"),
		oats:         gtin(t, "0930012345671"),
		oatMilk:      gtin(t, "0735099887766"),
		milk:         gtin(t, "0400123450001"),
		rye:          gtin(t, "0690555000123"),
		cereal:       gtin(t, "0690555000456"),
		declShanghai: "224820260000123456",
		declQingdao:  "422720260000654321",
		complaintID:  "4f1c2b9e-7a51-4c55-9d0e-2a9b6c1d3e10",
		recallID:     "9b7e5a10-3c2d-4e8f-a1b2-c3d4e5f60718",
	}
	events := []event.Event{
		enterprise.Registered{USCC: w.harbin, Name: "哈尔滨福瑞食品贸易有限公司", Region: "黑龙江哈尔滨", Roles: []string{"distributor"}, FoodOperator: true},
		enterprise.Registered{USCC: w.shanghai, Name: "上海中瑞进出口贸易有限公司", Region: "上海", Roles: []string{"importer"}, FoodOperator: true},
		enterprise.Registered{USCC: w.guangzhou, Name: "广州瑞丰超市有限公司", Region: "广东广州", Roles: []string{"retailer"}, FoodOperator: true},
		enterprise.Registered{USCC: w.beijing, Name: "北京福源电子商务有限公司", Region: "北京", Roles: []string{"ecommerce"}},
		enterprise.Registered{USCC: w.qingdao, Name: "青岛海泰国际贸易有限公司", Region: "山东青岛", Roles: []string{"importer", "distributor"}, FoodOperator: true},
		enterprise.PenaltyImposed{USCC: w.beijing, Authority: "北京市朝阳区市场监督管理局", AmountCNY: 50000, Reason: "销售超过保质期的食品"},
		product.Registered{GTIN: w.oats, Name: "即食燕麦片", Brand: "晨谷 MorningOat", Spec: "1kg/袋", Category: "谷物制品", OriginCountry: "AU", Manufacturer: "MorningOat Foods Pty Ltd", OwnerUSCC: w.shanghai, ShelfLifeDays: 365},
		product.Registered{GTIN: w.oatMilk, Name: "燕麦奶 咖啡大师", Brand: "Avena", Spec: "1L×6盒", Category: "植物蛋白饮料", OriginCountry: "SE", Manufacturer: "Avena AB", OwnerUSCC: w.qingdao, ShelfLifeDays: 270},
		product.Registered{GTIN: w.milk, Name: "全脂纯牛奶", Brand: "Alpenmilch", Spec: "1L×12盒", Category: "乳制品", OriginCountry: "DE", Manufacturer: "Alpenmilch GmbH", OwnerUSCC: w.shanghai, ShelfLifeDays: 270},
		product.Registered{GTIN: w.rye, Name: "全麦黑麦面包", Brand: "福瑞坊", Spec: "400g", Category: "烘焙食品", OriginCountry: "CN", Manufacturer: "哈尔滨福瑞食品贸易有限公司", OwnerUSCC: w.harbin, ShelfLifeDays: 7},
		product.Registered{GTIN: w.cereal, Name: "麦片巧克力", Brand: "甜心", Spec: "200g/盒", Category: "休闲食品", OriginCountry: "CN", Manufacturer: "甜心食品", OwnerUSCC: w.harbin, ShelfLifeDays: 365},
		product.BarcodeNotified{GTIN: w.oats, NotifierUSCC: w.shanghai, RecordNo: "BA2026000117"},
		product.CertificateIssued{GTIN: w.oats, CertificateNo: "TB2026-000117", ValidFrom: "2026-01-05", ValidTo: "2027-01-04"},
		batch.Registered{GTIN: w.oats, Lot: "OAT2501", Quantity: 500, ProducedOn: "2026-01-10", ExpiresOn: "2027-01-09", OwnerUSCC: w.shanghai, OriginCountry: "AU", Imported: true},
		batch.Registered{GTIN: w.milk, Lot: "M2503", Quantity: 800, ProducedOn: "2026-03-02", ExpiresOn: "2026-11-27", OwnerUSCC: w.shanghai, OriginCountry: "DE", Imported: true},
		batch.Registered{GTIN: w.oatMilk, Lot: "AV01", Quantity: 300, ProducedOn: "2026-02-14", ExpiresOn: "2026-11-11", OwnerUSCC: w.qingdao, OriginCountry: "SE", Imported: true},
		batch.Registered{GTIN: w.rye, Lot: "R0420", Quantity: 100, ProducedOn: "2026-04-20", ExpiresOn: "2026-04-27", OwnerUSCC: w.harbin, OriginCountry: "CN"},
		customs.Declared{DeclarationNo: w.declShanghai, Port: "上海洋山港", ImporterUSCC: w.shanghai, Lines: []customs.Line{
			{GTIN: w.oats, Lot: "OAT2501", Quantity: 500, HSCode: "1104120000", OriginCountry: "AU"},
			{GTIN: w.milk, Lot: "M2503", Quantity: 800, HSCode: "0401200000", OriginCountry: "DE"}}},
		customs.Declared{DeclarationNo: w.declQingdao, Port: "青岛港", ImporterUSCC: w.qingdao, Lines: []customs.Line{
			{GTIN: w.oatMilk, Lot: "AV01", Quantity: 300, HSCode: "2202999100", OriginCountry: "SE"}}},
		customs.Inspected{DeclarationNo: w.declShanghai, Result: "pass"},
		customs.Released{DeclarationNo: w.declShanghai},
		batch.Cleared{GTIN: w.oats, Lot: "OAT2501", DeclarationNo: w.declShanghai, Decision: "released"},
		batch.Cleared{GTIN: w.milk, Lot: "M2503", DeclarationNo: w.declShanghai, Decision: "released"},
		customs.Released{DeclarationNo: w.declQingdao},
		batch.Cleared{GTIN: w.oatMilk, Lot: "AV01", DeclarationNo: w.declQingdao, Decision: "released"},
		batch.Shipped{GTIN: w.oats, Lot: "OAT2501", ShipmentID: "s1", FromUSCC: w.shanghai, ToUSCC: w.harbin, Waybill: "SF1001", Units: batch.Units{Quantity: 200}},
		batch.Received{GTIN: w.oats, Lot: "OAT2501", ShipmentID: "s1", ToUSCC: w.harbin, Units: batch.Units{Quantity: 200}},
		batch.Shipped{GTIN: w.oats, Lot: "OAT2501", ShipmentID: "s2", FromUSCC: w.harbin, ToUSCC: w.guangzhou, Waybill: "SF1002", Units: batch.Units{Quantity: 50}},
		batch.Received{GTIN: w.oats, Lot: "OAT2501", ShipmentID: "s2", ToUSCC: w.guangzhou, Units: batch.Units{Quantity: 50}},
		batch.Sold{GTIN: w.oats, Lot: "OAT2501", SellerUSCC: w.guangzhou, Channel: "retail", Units: batch.Units{Quantity: 5}},
		batch.Shipped{GTIN: w.milk, Lot: "M2503", ShipmentID: "s3", FromUSCC: w.shanghai, ToUSCC: w.beijing, Waybill: "YT2001", Units: batch.Units{Quantity: 100}},
		batch.Inspected{GTIN: w.milk, Lot: "M2503", EnterpriseUSCC: w.beijing, Result: "fail", Findings: "菌落总数超标"},
		complaint.Filed{ComplaintID: w.complaintID, GTIN: w.oats, Lot: "OAT2501", AgainstUSCC: w.guangzhou, Category: "异物", Severity: 2, Channel: "12315"},
		complaint.Resolved{ComplaintID: w.complaintID, AgainstUSCC: w.guangzhou, Substantiated: true, Outcome: "调解成功，退一赔十"},
		recall.Started{RecallID: w.recallID, Batches: []recall.BatchKey{{GTIN: w.milk, Lot: "M2503"}}, Level: 2, Reason: "菌落总数超标",
			InitiatedByUSCC: w.shanghai, StartBy: "2026-05-03T10:00:00Z", CompleteBy: "2026-05-29T10:00:00Z"},
		batch.Recalled{GTIN: w.milk, Lot: "M2503", RecallID: w.recallID, Level: 2},
		batch.Received{GTIN: w.milk, Lot: "M2503", ShipmentID: "s3", ToUSCC: w.beijing, Units: batch.Units{Quantity: 100}},
		recall.Closed{RecallID: w.recallID},
	}
	start := time.Date(2026, 1, 3, 9, 0, 0, 0, time.UTC)
	out := make([]runner.Envelope, len(events))
	for i, e := range events {
		out[i] = envelope(t, uint64(i+1), start.Add(time.Duration(i)*36*time.Hour), e)
	}
	return w, out
}

// envelope stores e at position pos as the log would, and decodes it as
// the runner does.
func envelope(t testing.TB, pos uint64, at time.Time, e event.Event) runner.Envelope {
	t.Helper()
	p, err := event.NewPending([16]byte{byte(pos >> 8), byte(pos)}, e, event.Metadata{OccurredAt: at, RecordedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	env, err := runner.Decode(event.Record{ID: p.ID, Stream: fmt.Sprint("s", pos), Position: pos, Type: p.Type, Data: p.Data, Metadata: p.Metadata})
	if err != nil {
		t.Fatalf("decode %s: %v", p.Type, err)
	}
	return env
}
