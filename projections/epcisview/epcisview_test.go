package epcisview

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

const (
	imp  = "91310000MA1FL0000N"
	shop = "91440300MA5DC0000Y"
	gtin = "03017620422003"
)

// fakeHash names each event by its position, so tests need no adapter.
func fakeHash(ev *query.EPCISEvent) (string, error) {
	b, _ := json.Marshal(ev.Position)
	return "ni:///sha-256;" + string(b) + "?ver=CBV2.0", nil
}

func goods() []runner.Envelope {
	return runnertest.Envelopes(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC),
		batch.Registered{GTIN: gtin, Lot: "L1", Quantity: 10, ExpiresOn: "2027-01-01", OwnerUSCC: imp},
		batch.Labelled{GTIN: gtin, Lot: "L1", OwnerUSCC: imp, Serials: []string{"S1", "S2"}},
		batch.Shipped{GTIN: gtin, Lot: "L1", ShipmentID: "SH1", FromUSCC: imp, ToUSCC: shop, Waybill: "SF1", Units: batch.Units{Serials: []string{"S1"}, Quantity: 3}},
		batch.Received{GTIN: gtin, Lot: "L1", ShipmentID: "SH1", ToUSCC: shop, Units: batch.Units{Serials: []string{"S1"}, Quantity: 3}},
		batch.Sold{GTIN: gtin, Lot: "L1", SellerUSCC: shop, Channel: "门店零售", Units: batch.Units{Serials: []string{"S1"}}},
	)
}

func TestAReceiptNamesItsShipmentsSenderAsSource(t *testing.T) {
	p := runnertest.Fold(t, New(fakeHash), goods())
	evs := p.EPCISEvents(query.EPCISFilter{BizSteps: []string{"receiving"}}, func(*query.EPCISEvent) bool { return true }, 10)
	if len(evs) != 1 || len(evs[0].Sources) != 2 || evs[0].Sources[0].Value != usccURN+imp || evs[0].Destinations[0].Value != usccURN+shop {
		t.Fatalf("receipt = %+v", evs)
	}
	if evs[0].EPCs[0] != "https://id.gs1.org/01/"+gtin+"/21/S1" || evs[0].Quantities[0].EPCClass != "https://id.gs1.org/01/"+gtin+"/10/L1" {
		t.Fatalf("receipt's identifiers = %v %v", evs[0].EPCs, evs[0].Quantities)
	}
}

func TestTheModelSurvivesItsSnapshot(t *testing.T) {
	p := runnertest.Fold(t, New(fakeHash), goods())
	q := runnertest.RoundTrip(t, p, New(fakeHash))
	f := query.EPCISFilter{MatchEPC: []string{"https://id.gs1.org/01/" + gtin + "/21/S1"}}
	all := func(*query.EPCISEvent) bool { return true }
	if a, b := p.EPCISEvents(f, all, 10), q.EPCISEvents(f, all, 10); len(a) != 4 || len(b) != 4 {
		t.Fatalf("S1's events before the snapshot %d, after %d; want 4 (labelled, shipped, received, sold)", len(a), len(b))
	}
}

// TestACapturedEventIsAnsweredAsCapturedAndItsDomainEventsAreNot: an
// event captured as EPCIS renders as its original, and the domain events
// it produced (appended after it) are not rendered again.
func TestACapturedEventIsAnsweredAsCapturedAndItsDomainEventsAreNot(t *testing.T) {
	envs := goods()[:2]
	shipped := runnertest.Envelopes(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC),
		batch.Shipped{GTIN: gtin, Lot: "L1", ShipmentID: "SH1", FromUSCC: imp, ToUSCC: shop, Units: batch.Units{Serials: []string{"S2"}}})[0]
	shipped.Position, shipped.ID = 4, uuid.New()
	original := `{"type":"ObjectEvent","eventTime":"2026-03-02T10:00:00+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE",` +
		`"bizStep":"urn:epcglobal:cbv:bizstep:shipping","epcList":["urn:epc:id:sgtin:3017620.042200.S2"]}`
	data, _ := json.Marshal(map[string]any{"hash_id": "ni:///sha-256;abc?ver=CBV2.0", "document": string(original),
		"domain_events": []string{shipped.ID.String()}})
	captured := runner.Envelope{}
	captured.Position, captured.ID, captured.Type, captured.Data = 3, uuid.New(), TypeEPCISEventCaptured, data
	p := runnertest.Fold(t, New(fakeHash), append(envs, captured, shipped))
	evs := p.EPCISEvents(query.EPCISFilter{BizSteps: []string{"shipping"}}, func(*query.EPCISEvent) bool { return true }, 10)
	if len(evs) != 1 || evs[0].EventID != "ni:///sha-256;abc?ver=CBV2.0" || string(evs[0].Original) != original ||
		evs[0].EPCs[0] != "https://id.gs1.org/01/"+gtin+"/21/S2" {
		t.Fatalf("shipping events = %+v", evs)
	}
}
