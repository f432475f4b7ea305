package trace_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

const (
	gtin = "06901234567892"
	lot  = "L1"
	imp  = "91310000MA1K00001X"
	dist = "91310000MA1K00002X"
	ret1 = "91310000MA1K00003X"
	ret2 = "91310000MA1K00004X"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// envelopes numbers events from position 1, an hour apart.
func envelopes(evs ...event.Event) []runner.Envelope {
	out := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		out[i].Event, out[i].Position, out[i].Type = ev, uint64(i+1), ev.EventType()
		out[i].Metadata.OccurredAt = t0.Add(time.Duration(i) * time.Hour)
	}
	return out
}

func items(ss ...string) batch.Units { return batch.Units{Serials: ss} }

// scenario: an importer clears 100 units, labels 10, ships 10 items and 60
// units to a distributor, who ships to two retailers (one shipment still on
// its way); one retailer sells, then returns and destroys under a recall.
func scenario() []runner.Envelope {
	u := func(q int64, ss ...string) batch.Units { return batch.Units{Serials: ss, Quantity: q} }
	return envelopes(
		batch.Registered{GTIN: gtin, Lot: lot, Quantity: 100, ProducedOn: "2026-01-10", ExpiresOn: "2026-07-10", OwnerUSCC: imp, OriginCountry: "FR", Imported: true},
		customs.Declared{DeclarationNo: "223120261000000001", Port: "Shanghai Yangshan", ImporterUSCC: imp,
			Lines: []customs.Line{{GTIN: gtin, Lot: lot, Quantity: 100, HSCode: "0406900000", OriginCountry: "FR"}}},
		customs.Inspected{DeclarationNo: "223120261000000001", Result: "pass"},
		customs.Released{DeclarationNo: "223120261000000001"},
		batch.Cleared{GTIN: gtin, Lot: lot, DeclarationNo: "223120261000000001", Decision: batch.DecisionReleased},
		batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: imp, Serials: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"}},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s1", FromUSCC: imp, ToUSCC: dist, Waybill: "WB1", Units: u(60, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10")},
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s1", ToUSCC: dist, Units: u(60, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10")},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s2", FromUSCC: dist, ToUSCC: ret1, Waybill: "WB2", Units: u(20, "a1", "a2", "a3", "a4", "a5")},
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s2", ToUSCC: ret1, Units: u(20, "a1", "a2", "a3", "a4", "a5")},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s3", FromUSCC: dist, ToUSCC: ret2, Waybill: "WB3", Units: u(10, "a6", "a7", "a8")},
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: ret1, Channel: "retail", Units: u(5, "a1", "a2")},
		batch.Inspected{GTIN: gtin, Lot: lot, EnterpriseUSCC: ret1, Result: "fail", Findings: "listeria"},
		batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 1},
		batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: ret1, Disposition: batch.DispositionReturned, Units: u(8, "a3")},
		batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: ret1, Disposition: batch.DispositionDestroyed, Units: u(10)},
	)
}

type names map[string]string

func (n names) Name(u string) string { return n[u] }

var dir = names{imp: "Importer", dist: "Distributor", ret1: "Retailer One", ret2: "Retailer Two"}

func fed(t *testing.T, envs []runner.Envelope) *trace.Projection {
	t.Helper()
	p := trace.New()
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDownstreamCountsEachUnitOnceWhereItIsNow(t *testing.T) {
	tr, err := fed(t, scenario()).Downstream(t.Context(), gtin, lot, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []query.TraceHolder{
		{USCC: imp, Name: "Importer", InStock: 30},
		{USCC: dist, Name: "Distributor", InStock: 32, InTransit: 13},
		{USCC: ret1, Name: "Retailer One", InStock: 2, Sold: 4, Returned: 9, Destroyed: 10},
	}
	if !reflect.DeepEqual(tr.Holders, want) {
		t.Fatalf("holders\n got %+v\nwant %+v", tr.Holders, want)
	}
	if tot := tr.Totals; tot != (query.TraceTotals{Quantity: 100, InStock: 64, InTransit: 13, Sold: 4, Returned: 9, Destroyed: 10}) {
		t.Fatalf("totals %+v", tot)
	}
	type edge struct {
		from, to string
		units    int64
	}
	var got []edge
	for _, e := range tr.Edges {
		got = append(got, edge{e.From, e.To, e.Units})
	}
	wantEdges := []edge{{imp, dist, 70}, {dist, ret1, 25}, {dist, ret2, 13}, {ret1, trace.ConsumersID, 7}}
	if !reflect.DeepEqual(got, wantEdges) {
		t.Fatalf("edges %+v, want %+v", got, wantEdges)
	}
	if e := tr.Edges[2]; !reflect.DeepEqual(e.Shipments, []string{"s3"}) || !reflect.DeepEqual(e.Waybills, []string{"WB3"}) || !e.FirstAt.Equal(t0.Add(10*time.Hour)) {
		t.Fatalf("edge to retailer two %+v", e)
	}
	var ids []string
	for _, n := range tr.Nodes {
		ids = append(ids, n.Kind+":"+n.ID)
	}
	if want := []string{"importer:" + imp, "enterprise:" + dist, "enterprise:" + ret1, "enterprise:" + ret2, "consumers:consumers"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("nodes %v, want %v", ids, want)
	}
	if tr.Batch.Customs != "released" || len(tr.Batch.Recalls) != 1 || tr.Batch.Recalls[0].RecallID != "r1" {
		t.Fatalf("batch info %+v", tr.Batch)
	}
}

func TestUpstreamNamesImporterCustomsAndOrigin(t *testing.T) {
	tr, err := fed(t, scenario()).Upstream(t.Context(), gtin, lot, dir)
	if err != nil {
		t.Fatal(err)
	}
	up := tr.Upstream
	if up == nil || up.Source.USCC != imp || up.Source.Role != "importer" || up.OriginCountry != "FR" || !up.Imported {
		t.Fatalf("upstream %+v", up)
	}
	if len(up.Customs) != 1 {
		t.Fatalf("customs %+v", up.Customs)
	}
	c := up.Customs[0]
	if c.Port != "Shanghai Yangshan" || c.Quantity != 100 || c.Decision != "released" || c.ImporterName != "Importer" ||
		len(c.Inspections) != 1 || c.Inspections[0].Result != "pass" || c.DecidedAt == nil {
		t.Fatalf("declaration %+v", c)
	}
	if up.Clearance == nil || up.Clearance.Decision != "released" {
		t.Fatalf("clearance %+v", up.Clearance)
	}
	if len(up.MarketInspections) != 1 || up.MarketInspections[0].Result != "fail" || up.MarketInspections[0].Name != "Retailer One" {
		t.Fatalf("market inspections %+v", up.MarketInspections)
	}
	var edges []string
	for _, e := range tr.Edges {
		edges = append(edges, e.Kind+" "+e.From+">"+e.To)
	}
	want := []string{"import origin:FR>customs:223120261000000001", "clearance customs:223120261000000001>" + imp}
	if !reflect.DeepEqual(edges, want) {
		t.Fatalf("edges %v, want %v", edges, want)
	}
}

func TestItemPath(t *testing.T) {
	p := fed(t, scenario())
	cases := []struct {
		name, lot, serial, state, holder string
		steps                            []string
	}{
		{"returned item", lot, "a3", "returned", ret1, []string{"labelled " + imp, "shipped " + dist, "received " + dist, "shipped " + ret1, "received " + ret1, "returned " + ret1}},
		{"sold item, lot looked up", "", "a1", "sold", ret1, []string{"labelled " + imp, "shipped " + dist, "received " + dist, "shipped " + ret1, "received " + ret1, "sold " + ret1}},
		{"item on its way stays at the sender", lot, "a7", "in_transit", dist, []string{"labelled " + imp, "shipped " + dist, "received " + dist, "shipped " + ret2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ip, err := p.ItemPath(t.Context(), gtin, c.lot, c.serial, dir)
			if err != nil {
				t.Fatal(err)
			}
			var steps []string
			for _, s := range ip.Steps {
				steps = append(steps, s.Kind+" "+s.USCC+s.To)
			}
			if ip.State != c.state || ip.HolderUSCC != c.holder || !reflect.DeepEqual(steps, c.steps) {
				t.Fatalf("state %s holder %s steps %v; want %s %s %v", ip.State, ip.HolderUSCC, steps, c.state, c.holder, c.steps)
			}
			if ip.Code != "/01/"+gtin+"/10/"+lot+"/21/"+c.serial {
				t.Fatalf("code %s", ip.Code)
			}
		})
	}
	if _, err := p.ItemPath(t.Context(), gtin, lot, "nope", dir); err == nil {
		t.Fatal("unknown serial answered")
	}
}

func TestInvolved(t *testing.T) {
	p := fed(t, scenario())
	cases := []struct {
		name, uscc string
		want       bool
	}{
		{"owner", imp, true}, {"distributor", dist, true}, {"receiver of goods on their way", ret2, true},
		{"stranger", "91310000MA1K00009X", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, err := p.Involved(t.Context(), gtin, lot, c.uscc); err != nil || got != c.want {
				t.Fatalf("Involved = %v (%v), want %v", got, err, c.want)
			}
		})
	}
}

func TestUnknownBatch(t *testing.T) {
	p := fed(t, scenario())
	if _, err := p.Downstream(t.Context(), gtin, "L9", dir); err == nil {
		t.Fatal("unknown batch answered")
	}
	if registered(t, p, gtin, "L9") || !registered(t, p, gtin, lot) {
		t.Fatal("Exists wrong")
	}
}

// A restored snapshot writes the same bytes and answers the same traces.
func TestSnapshotRoundTrip(t *testing.T) {
	p := fed(t, scenario())
	var a bytes.Buffer
	if err := p.Snapshot(&a); err != nil {
		t.Fatal(err)
	}
	q := trace.New()
	if err := q.Restore(bytes.NewReader(a.Bytes())); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := q.Snapshot(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("snapshot changed across a restore\n%s\n%s", a.Bytes(), b.Bytes())
	}
	for _, f := range []func(*trace.Projection) (query.TraceGraph, error){
		func(p *trace.Projection) (query.TraceGraph, error) { return p.Downstream(t.Context(), gtin, lot, dir) },
		func(p *trace.Projection) (query.TraceGraph, error) { return p.Upstream(t.Context(), gtin, lot, dir) },
	} {
		x, _ := f(p)
		y, _ := f(q)
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("restored model answers differently\n%+v\n%+v", x, y)
		}
	}
	x, _ := p.ItemPath(t.Context(), gtin, "", "a7", dir)
	y, _ := q.ItemPath(t.Context(), gtin, "", "a7", dir)
	if !reflect.DeepEqual(x, y) {
		t.Fatalf("restored item path differs")
	}
	// Folding more after a restore continues where the snapshot stopped.
	more := envelopes(batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s3", ToUSCC: ret2})
	p.Apply(more)
	q.Apply(more)
	x2, _ := p.Downstream(t.Context(), gtin, lot, dir)
	y2, _ := q.Downstream(t.Context(), gtin, lot, dir)
	if !reflect.DeepEqual(x2, y2) || x2.Totals.InTransit != 0 {
		t.Fatalf("after a receipt: %+v vs %+v", x2.Totals, y2.Totals)
	}
	p.Reset()
	if registered(t, p, gtin, lot) {
		t.Fatal("Reset kept the batch")
	}
}

// registered is what p.Exists answers, failing the test when it cannot
// read it.
func registered(t *testing.T, p *trace.Projection, gtin, lot string) bool {
	t.Helper()
	ok, err := p.Exists(gtin, lot)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}
