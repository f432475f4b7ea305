package command_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// BenchmarkCaptureOfTenThousandShippingEvents decides a document of 10,000
// shipping events, one labelled unit each, in one unit (in memory: the
// cost of deciding, not of the store).
func BenchmarkCaptureOfTenThousandShippingEvents(b *testing.B) {
	const n = 10_000
	for range b.N {
		b.StopTimer()
		clock := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
		s := &conflictingStore{}
		h := command.NewHandlers(s, command.Options{Now: func() time.Time { return clock }})
		ctx := b.Context()
		must := func(_ command.Outcome, err error) {
			if err != nil {
				b.Fatal(err)
			}
		}
		must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wMaker, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
		must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wShop, Name: "Shop", Region: "440100", Roles: []string{"retailer"}}))
		must(h.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: wGTIN, Name: "Tea", Brand: "B", Spec: "250 g",
			Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: wMaker, ShelfLifeDays: 365}))
		must(h.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: wGTIN, Lot: "L1", Quantity: n, ProducedOn: "2025-03-01", ExpiresOn: "2026-03-01", OwnerUSCC: wMaker}))
		must(h.ApplyLabels(ctx, maker, command.ApplyLabels{GTIN: wGTIN, Lot: "L1", OwnerUSCC: wMaker, Count: n}))
		must(h.RegisterLocation(ctx, maker, command.RegisterLocation{USCC: wMaker, GLN: glnMaker, Name: "Plant"}))
		must(h.RegisterLocation(ctx, shop, command.RegisterLocation{USCC: wShop, GLN: glnShop, Name: "Store"}))
		serials := labelledSerials(b, s)
		doc := command.CaptureEPCIS{JobID: "bench"}
		for i, serial := range serials {
			ev := epcisEvent(i+1, "shipping", "OBSERVE", glnMaker, item(serial))
			ev.EventTime = clock
			ev.Destinations = []command.Party{{Type: "owning_party", Place: command.Place{GLN: glnShop}}}
			doc.Events = append(doc.Events, ev)
		}
		b.StartTimer()
		if _, err := h.CaptureEPCIS(ctx, maker, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// labelledSerials reads the serials the labelling command drew.
func labelledSerials(b *testing.B, s *conflictingStore) []string {
	for _, r := range s.streams["batch-0"+wGTIN+"-L1"] {
		if r.Type == "batch.labelled.v1" {
			var ev struct {
				Serials []string `json:"serials"`
			}
			if err := jsonUnmarshal(r.Data, &ev); err != nil {
				b.Fatal(err)
			}
			return ev.Serials
		}
	}
	b.Fatal(fmt.Errorf("no labels"))
	return nil
}

var jsonUnmarshal = json.Unmarshal
