package chbench

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/shipment"
)

// The synthetic ledger's shape, after the demo data set at scale: three
// quarters of the events are sales, most of the rest shipments; products,
// batches, customs, inspections and complaints are the few percent left.
const (
	products    = 300
	enterprises = 2000
	lots        = 40
)

var categories = []string{"infant_formula", "health_food", "cosmetics", "wine", "dairy", "snacks", "seafood", "fruit", "baby_care", "supplements"}
var countries = []string{"AU", "NZ", "FR", "DE", "JP", "US", "NL", "KR", "IT", "CL"}

// Synthetic returns n records at positions 1..n: the products first, then a
// deterministic mix of the ledger's event types, with data as the domain
// encodes it, over four years of occurred_at.
func Synthetic(n int) []event.Record {
	recs := make([]event.Record, n)
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	step := 4 * 365 * 24 * time.Hour / time.Duration(max(n, 1))
	for i := range recs {
		pos := uint64(i + 1)
		h := mix(pos)
		e := synthEvent(i, h)
		data, err := json.Marshal(e)
		if err != nil {
			panic(fmt.Sprintf("chbench: marshal %T: %v", e, err)) // our own structs: cannot fail
		}
		at := start.Add(time.Duration(i) * step)
		recs[i] = event.Record{
			ID: uuid.UUID(idBytes(pos)), Stream: fmt.Sprintf("s-%d", h%50_000), Version: 1, Position: pos,
			Type: e.EventType(), Data: data,
			Metadata: event.Metadata{ActorUSCC: uscc(h >> 20), ActorRole: "enterprise", OccurredAt: at, RecordedAt: at},
		}
	}
	return recs
}

// synthEvent picks the event at index i from a weighted mix (per 1,000).
func synthEvent(i int, h uint64) event.Event {
	g, lot, e, o := gtin(h>>8), fmt.Sprintf("L%d", h>>16%lots), uscc(h>>24), uscc(h>>36)
	if i < products {
		return product.Registered{GTIN: gtin(uint64(i)), Name: "product", Brand: "brand", Category: categories[i%len(categories)],
			OriginCountry: countries[i/len(categories)%len(countries)], OwnerUSCC: e, ShelfLifeDays: 365}
	}
	serials := []string{fmt.Sprintf("%s-%d", lot, h>>40), fmt.Sprintf("%s-%d", lot, h>>41)}
	switch r := h % 1000; {
	case r < 730:
		return batch.Sold{GTIN: g, Lot: lot, SellerUSCC: e, Channel: []string{"online", "store", "cross_border"}[h>>50%3], Units: batch.Units{Serials: serials[:1+h>>52%2]}}
	case r < 795:
		return batch.Shipped{GTIN: g, Lot: lot, ShipmentID: uuid.UUID(idBytes(h)).String(), FromUSCC: e, ToUSCC: o, Waybill: "SF123", Units: batch.Units{Quantity: int64(h>>44%50 + 1)}}
	case r < 860:
		return batch.Received{GTIN: g, Lot: lot, ShipmentID: uuid.UUID(idBytes(h)).String(), ToUSCC: o, Units: batch.Units{Quantity: int64(h>>44%50 + 1)}}
	case r < 920:
		return shipment.Dispatched{ShipmentID: uuid.UUID(idBytes(h)).String(), FromUSCC: e, ToUSCC: o, Waybill: "SF123", Batches: []shipment.BatchKey{{GTIN: g, Lot: lot}}, Units: 10}
	case r < 975:
		return shipment.Received{ShipmentID: uuid.UUID(idBytes(h)).String(), ToUSCC: o}
	case r < 982:
		return batch.Registered{GTIN: g, Lot: lot, Quantity: 500, ProducedOn: "2024-01-01", ExpiresOn: "2026-01-01", OwnerUSCC: e, OriginCountry: "AU", Imported: true}
	case r < 986:
		return customs.Declared{DeclarationNo: fmt.Sprint(h % 1e12), Port: "CNSHA", ImporterUSCC: e, Lines: []customs.Line{{GTIN: g, Lot: lot, Quantity: 500, HSCode: "0402210000", OriginCountry: "AU"}}}
	case r < 990:
		return customs.Inspected{DeclarationNo: fmt.Sprint(h % 1e12), Result: []string{"pass", "fail"}[h>>45%8/7]}
	case r < 994:
		return batch.Inspected{GTIN: g, Lot: lot, EnterpriseUSCC: e, Result: []string{"pass", "fail"}[h>>45%10/9]}
	case r < 997:
		return complaint.Filed{ComplaintID: fmt.Sprint(h), GTIN: g, Lot: lot, AgainstUSCC: e, Category: "quality", Severity: 2, Channel: "12315"}
	default:
		return complaint.Resolved{ComplaintID: fmt.Sprint(h), AgainstUSCC: e, Substantiated: h>>45%2 == 0, Outcome: "refund"}
	}
}

func gtin(h uint64) string { return fmt.Sprintf("0690%010d", h%products) }
func uscc(h uint64) string { return fmt.Sprintf("91310000MA%08d", h%enterprises) }

// mix is splitmix64: a well-spread hash of the position.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func idBytes(x uint64) [16]byte {
	var b [16]byte
	a, c := mix(x), mix(^x)
	for i := range 8 {
		b[i], b[8+i] = byte(a>>(8*i)), byte(c>>(8*i))
	}
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return b
}
