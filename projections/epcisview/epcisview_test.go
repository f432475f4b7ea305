package epcisview

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/projections/modelstore"
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
	p := runnertest.Fold(t, newModel(t), goods())
	evs := events(t, p, query.EPCISFilter{BizSteps: []string{"receiving"}}, func(*query.EPCISEvent) bool { return true }, 10)
	if len(evs) != 1 || len(evs[0].Sources) != 2 || evs[0].Sources[0].Value != usccURN+imp || evs[0].Destinations[0].Value != usccURN+shop {
		t.Fatalf("receipt = %+v", evs)
	}
	if evs[0].EPCs[0] != "https://id.gs1.org/01/"+gtin+"/21/S1" || evs[0].Quantities[0].EPCClass != "https://id.gs1.org/01/"+gtin+"/10/L1" {
		t.Fatalf("receipt's identifiers = %v %v", evs[0].EPCs, evs[0].Quantities)
	}
}

// newModel is an empty model in a store of its own, in memory.
func newModel(t *testing.T) *Projection {
	t.Helper()
	db, err := modelstore.Open("", modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := New(db.Model("epcis"), fakeHash)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTheModelAnswersTheSameAfterItsStoreIsReopened(t *testing.T) {
	dir := t.TempDir()
	open := func() (*modelstore.DB, *Projection) {
		db, err := modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		p, err := New(db.Model("epcis"), fakeHash)
		if err != nil {
			t.Fatal(err)
		}
		return db, p
	}
	db, p := open()
	envs := goods()
	runnertest.Fold(t, p, envs[:3])
	runnertest.Fold(t, p, append([]runner.Envelope{}, envs[3:]...))
	named := queryDefined(6, imp, "mine", "eventType=ObjectEvent")
	runnertest.Fold(t, p, []runner.Envelope{named})
	f := query.EPCISFilter{MatchEPC: []string{"https://id.gs1.org/01/" + gtin + "/21/S1"}}
	all := func(*query.EPCISEvent) bool { return true }
	before := events(t, p, f, all, 10)
	var dump bytes.Buffer
	p.Snapshot(&dump)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, q := open()
	defer db.Close()
	after := events(t, q, f, all, 10)
	if len(before) != 4 || !reflect.DeepEqual(before, after) {
		t.Fatalf("S1's events before the reopen %d, after %d; want the same 4 (labelled, shipped, received, sold)", len(before), len(after))
	}
	if pos, _ := q.Position(); pos != 6 {
		t.Fatalf("position after the reopen = %d, want 6", pos)
	}
	if got := q.NamedEPCISQueries(imp); len(got) != 1 || got[0].Query != "eventType=ObjectEvent" {
		t.Fatalf("named queries after the reopen = %v", got)
	}
	if q.Len() != 5 {
		t.Fatalf("events after the reopen = %d, want 5", q.Len())
	}
	var again bytes.Buffer
	q.Snapshot(&again)
	if !bytes.Equal(dump.Bytes(), again.Bytes()) {
		t.Fatal("the reopened model dumps other keys")
	}
}

// A rebuilt model (Reset, then folded again) is still there when its store
// opens again: the reset keeps the record of the layout.
func TestARebuiltModelSurvivesAReopen(t *testing.T) {
	dir := t.TempDir()
	db, err := modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(db.Model("epcis"), fakeHash)
	if err != nil {
		t.Fatal(err)
	}
	runnertest.Fold(t, p, goods())
	p.Reset()
	runnertest.Fold(t, p, goods())
	db.Close()
	db, err = modelstore.Open(dir, modelstore.Options{CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := New(db.Model("epcis"), fakeHash)
	if err != nil {
		t.Fatal(err)
	}
	if pos, _ := q.Position(); pos != 5 || q.Len() != 5 {
		t.Fatalf("after a rebuild and a reopen: position %d, %d events; want 5, 5", pos, q.Len())
	}
}

// A model folded one event at a time holds exactly what one fold of the
// whole log holds: the crash test compares a resumed model with a replay.
func TestFoldingInAnyBatchesLeavesTheSameState(t *testing.T) {
	envs := goods()
	whole := runnertest.Fold(t, newModel(t), envs)
	single := newModel(t)
	for _, e := range envs {
		runnertest.Fold(t, single, []runner.Envelope{e})
	}
	var a, b bytes.Buffer
	whole.Snapshot(&a)
	single.Snapshot(&b)
	if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("dumps differ:\n%s\n----\n%s", a.String(), b.String())
	}
	whole.Reset()
	if whole.Len() != 0 {
		t.Fatalf("a reset model holds %d events", whole.Len())
	}
	var empty bytes.Buffer
	whole.Snapshot(&empty)
	if empty.Len() != 0 {
		t.Fatalf("a reset model dumps %q", empty.String())
	}
}

// A stored event reads back as the event the fold rendered.
func TestAStoredEventReadsBackAsRendered(t *testing.T) {
	ev := query.EPCISEvent{Type: "ObjectEvent", Action: "OBSERVE", EventTime: time.Date(2026, 3, 1, 8, 0, 0, 5, cst),
		RecordTime: time.Date(2026, 3, 1, 8, 0, 1, 0, cst), EPCs: []string{"a", ""}, Quantities: []query.EPCISQuantity{{EPCClass: "c", Quantity: 2.5, UOM: "KGM"}},
		InputEPCs: []string{}, BizTransactions: []query.EPCISTyped{{Type: "po", Value: "x"}},
		ILMD: []query.EPCISField{{Name: "n", Value: "s"}}, Extensions: []query.EPCISField{{Name: "i", Value: 3}, {Name: "u", Value: uint64(7)}, {Name: "f", Value: 1.5}},
		Original: json.RawMessage(`{"a":1}`), EventID: "id", Position: 9, Enterprises: []string{}, Batches: []query.BatchKey{{GTIN: "g", Lot: "l"}}}
	got, err := decodeEvent(encodeEvent(nil, &ev))
	if err != nil || !reflect.DeepEqual(got, ev) {
		t.Fatalf("read back %+v, %v; want %+v", got, err, ev)
	}
	if _, err := decodeEvent(encodeEvent(nil, &ev)[:20]); err == nil {
		t.Fatal("a cut event decoded")
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
	p := runnertest.Fold(t, newModel(t), append(envs, captured, shipped))
	evs := events(t, p, query.EPCISFilter{BizSteps: []string{"shipping"}}, func(*query.EPCISEvent) bool { return true }, 10)
	if len(evs) != 1 || evs[0].EventID != "ni:///sha-256;abc?ver=CBV2.0" || string(evs[0].Original) != original ||
		evs[0].EPCs[0] != "https://id.gs1.org/01/"+gtin+"/21/S2" {
		t.Fatalf("shipping events = %+v", evs)
	}
}

// queryDefined is an envelope at position pos defining a named query.
func queryDefined(pos uint64, owner, name, q string) runner.Envelope {
	env := runnertest.Envelopes(time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), epcisquery.Defined{Owner: owner, Name: name, Query: q})[0]
	env.Position, env.ID = pos, uuid.New()
	return env
}

// An event id is looked up by a digest of it: an id whose digest led to
// another event's row (a collision, made here by hand) answers nothing.
func TestAnEventIDIsAnsweredOnlyByTheEventBearingIt(t *testing.T) {
	p := runnertest.Fold(t, newModel(t), goods())
	all := func(*query.EPCISEvent) bool { return true }
	evs := events(t, p, query.EPCISFilter{}, all, 1)
	if len(evs) != 1 {
		t.Fatal("the model holds no event")
	}
	id := evs[0].EventID
	if got, ok := eventByID(t, p, id); !ok || got.EventID != id {
		t.Fatalf("the event by its id = %v %v", got.EventID, ok)
	}
	r, ok, err := p.m.Get(idKey(id))
	if err != nil || !ok {
		t.Fatalf("the id's row: %v %v", ok, err)
	}
	b := p.m.BeginBlind()
	b.Set(idKey("urn:uuid:another"), r)
	pos, _ := p.m.Position()
	if err := b.Commit(pos); err != nil {
		t.Fatal(err)
	}
	if got, ok := eventByID(t, p, "urn:uuid:another"); ok {
		t.Fatalf("another id answered the event %s", got.EventID)
	}
	if got := events(t, p, query.EPCISFilter{EventIDs: []string{"urn:uuid:another"}}, all, 10); len(got) != 0 {
		t.Fatalf("a query by another id answered %d events", len(got))
	}
}
