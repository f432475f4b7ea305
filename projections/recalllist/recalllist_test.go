package recalllist_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

const (
	gtin = "06901234567892"
	lot  = "L1"
	lot2 = "L2"
	own  = "91310000MA1K00001X"
	dist = "91310000MA1K00002X"
	ret1 = "91310000MA1K00003X"
	ret2 = "91310000MA1K00004X"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC) // a Friday

type models struct {
	tr  *trace.Projection
	rl  *recalllist.Projection
	pos uint64
}

func newModels() *models {
	tr := trace.New()
	return &models{tr: tr, rl: recalllist.New(tr)}
}

// feed applies events to both models, an hour apart from t0.
func (m *models) feed(t *testing.T, evs ...event.Event) {
	t.Helper()
	envs := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		m.pos++
		envs[i].Event, envs[i].Position, envs[i].Type = ev, m.pos, ev.EventType()
		envs[i].Metadata.OccurredAt = t0.Add(time.Duration(m.pos) * time.Hour)
	}
	for _, p := range []runner.Projection{m.tr, m.rl} {
		if err := p.Apply(envs); err != nil {
			t.Fatal(err)
		}
	}
}

type dir map[string][2]string

func (d dir) Enterprise(u string) (string, string, bool) { e, ok := d[u]; return e[0], e[1], ok }

var directory = dir{own: {"Owner", "+86 21 1111"}, dist: {"Distributor", "+86 21 2222"}, ret1: {"Retailer One", "r1@example.cn"}}

func u(q int64, ss ...string) batch.Units { return batch.Units{Quantity: q, Serials: ss} }

// Two batches: L1 moves owner -> distributor -> two retailers (one shipment
// still on its way when the recall starts), one retailer sells; L2 stays
// with the owner. The recall names both.
func recalled(t *testing.T) *models {
	m := newModels()
	m.feed(t,
		batch.Registered{GTIN: gtin, Lot: lot, Quantity: 100, ProducedOn: "2026-10-01", ExpiresOn: "2027-04-01", OwnerUSCC: own, OriginCountry: "CN"},
		batch.Registered{GTIN: gtin, Lot: lot2, Quantity: 40, ProducedOn: "2026-10-02", ExpiresOn: "2027-04-02", OwnerUSCC: own, OriginCountry: "CN"},
		batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: own, Serials: []string{"1", "2", "3", "4"}},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s1", FromUSCC: own, ToUSCC: dist, Waybill: "W1", Units: u(60, "1", "2", "3", "4")},
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s1", ToUSCC: dist},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s2", FromUSCC: dist, ToUSCC: ret1, Waybill: "W2", Units: u(30, "1", "2")},
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s2", ToUSCC: ret1},
		batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: "s3", FromUSCC: dist, ToUSCC: ret2, Waybill: "W3", Units: u(20, "3")},
		batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: ret1, Channel: "retail", Units: u(10, "1")},
		recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: gtin, Lot: lot}, {GTIN: gtin, Lot: lot2}}, Level: 1, Reason: "salmonella",
			InitiatedByUSCC: own, StartBy: t0.Add(34 * time.Hour).Format(time.RFC3339), CompleteBy: t0.Add(14 * 24 * time.Hour).Format(time.RFC3339)},
		batch.Recalled{GTIN: gtin, Lot: lot, RecallID: "r1", Level: 1},
		batch.Recalled{GTIN: gtin, Lot: lot2, RecallID: "r1", Level: 1},
	)
	return m
}

func get(t *testing.T, m *models, now time.Time) query.RecallList {
	t.Helper()
	l, err := m.rl.Get(t.Context(), "r1", now, directory)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestRowsSayWhereEachUnitIs(t *testing.T) {
	m := recalled(t)
	l := get(t, m, t0.Add(12*time.Hour))
	want := []query.RecallRow{
		{USCC: own, Name: "Owner", Contact: "+86 21 1111", Affected: 76, InStock: 36 + 40,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 36}, {GTIN: gtin, Lot: lot2, InStock: 40}}},
		{USCC: dist, Name: "Distributor", Contact: "+86 21 2222", Affected: 32, InStock: 10 + 1, InTransit: 20 + 1,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 11, InTransit: 21}}},
		{USCC: ret1, Name: "Retailer One", Contact: "r1@example.cn", Affected: 32, InStock: 20 + 1, Sold: 10 + 1,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 21, Sold: 11}}},
	}
	if !reflect.DeepEqual(l.Holders, want) {
		t.Fatalf("rows\n got %+v\nwant %+v", l.Holders, want)
	}
	if l.Progress != (query.RecallProgress{Affected: 140, Accounted: 0, Outstanding: 140, Percent: 0}) || l.Status != recalllist.StatusOpen {
		t.Fatalf("progress %+v status %s", l.Progress, l.Status)
	}
}

// Receipts of goods on their way and returns after the recall started move
// the rows.
func TestRowsFollowUnitsAfterTheStart(t *testing.T) {
	m := recalled(t)
	m.feed(t,
		batch.Received{GTIN: gtin, Lot: lot, ShipmentID: "s3", ToUSCC: ret2},
		batch.Returned{GTIN: gtin, Lot: lot, RecallID: "r1", HolderUSCC: ret1, Disposition: batch.DispositionReturned, Units: u(25, "1", "2")},
		batch.Returned{GTIN: gtin, Lot: lot2, RecallID: "r1", HolderUSCC: own, Disposition: batch.DispositionDestroyed, Units: u(40)},
	)
	l := get(t, m, t0.Add(40*time.Hour))
	rows := map[string]query.RecallRow{}
	for _, r := range l.Holders {
		rows[r.USCC] = r
	}
	cases := []struct {
		uscc string
		want query.RecallRow
	}{
		{own, query.RecallRow{USCC: own, Name: "Owner", Contact: "+86 21 1111", Affected: 76, InStock: 36, Destroyed: 40,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 36}, {GTIN: gtin, Lot: lot2, Destroyed: 40}}}},
		{dist, query.RecallRow{USCC: dist, Name: "Distributor", Contact: "+86 21 2222", Affected: 11, InStock: 11,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 11}}}},
		// 20 unlabelled from stock, then 5 from the 10 sold; items 1 (sold) and 2 (in stock).
		{ret1, query.RecallRow{USCC: ret1, Name: "Retailer One", Contact: "r1@example.cn", Affected: 32, Sold: 5, Returned: 27,
			Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, Sold: 5, Returned: 27}}}},
		{ret2, query.RecallRow{USCC: ret2, Affected: 21, InStock: 21, Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 21}}}},
	}
	for _, c := range cases {
		if got := rows[c.uscc]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.uscc, got, c.want)
		}
	}
	if want := (query.RecallProgress{Affected: 140, Accounted: 67, Outstanding: 73, Percent: 47.9}); l.Progress != want {
		t.Fatalf("progress %+v, want %+v", l.Progress, want)
	}
	if l.Status != recalllist.StatusOpen {
		t.Fatalf("status %s after returns began, before complete_by", l.Status)
	}
}

func TestStatus(t *testing.T) {
	cases := []struct {
		name      string
		more      []event.Event
		now       time.Time
		status    string
		overdueBy string
	}{
		{"open before start_by", nil, t0.Add(20 * time.Hour), recalllist.StatusOpen, ""},
		{"overdue past start_by with nothing returned", nil, t0.Add(40 * time.Hour), recalllist.StatusOverdue, recalllist.MissedStartBy},
		{"open past start_by once a return is recorded",
			[]event.Event{batch.Returned{GTIN: gtin, Lot: lot2, RecallID: "r1", HolderUSCC: own, Disposition: "returned", Units: u(1)}},
			t0.Add(40 * time.Hour), recalllist.StatusOpen, ""},
		{"overdue past complete_by", nil, t0.Add(15 * 24 * time.Hour), recalllist.StatusOverdue, recalllist.MissedCompleteBy},
		{"closed stays closed past complete_by", []event.Event{recall.Closed{RecallID: "r1"}}, t0.Add(30 * 24 * time.Hour), recalllist.StatusClosed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := recalled(t)
			m.feed(t, c.more...)
			l := get(t, m, c.now)
			if l.Status != c.status || l.OverdueBy != c.overdueBy {
				t.Fatalf("status %s (%s), want %s (%s)", l.Status, l.OverdueBy, c.status, c.overdueBy)
			}
		})
	}
}

func TestVisibility(t *testing.T) {
	l := get(t, recalled(t), t0)
	cases := []struct {
		name, uscc string
		ok         bool
		rows       int
	}{
		{"initiator sees every row", own, true, 3},
		{"holder sees its own row", ret1, true, 1},
		{"stranger sees nothing", "91310000MA1K00009X", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, ok := l.For(c.uscc)
			if ok != c.ok || len(v.Holders) != c.rows {
				t.Fatalf("ok %v rows %d, want %v %d", ok, len(v.Holders), c.ok, c.rows)
			}
			if c.rows == 1 && (v.Holders[0].USCC != c.uscc || v.Progress.Affected != v.Holders[0].Affected) {
				t.Fatalf("own view %+v", v)
			}
		})
	}
}

func TestNotifiedHookAndSnapshot(t *testing.T) {
	m := recalled(t)
	data, _ := json.Marshal(map[string]string{"recall_id": "r1", "holder_uscc": ret1})
	rec := event.Record{Type: recall.TypeHolderNotified, Data: data, Position: 99}
	rec.Metadata.OccurredAt = t0.Add(99 * time.Hour)
	env, err := runner.Decode(rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.rl.Apply([]runner.Envelope{env}); err != nil {
		t.Fatal(err)
	}
	l := get(t, m, t0)
	for _, r := range l.Holders {
		if r.Notified != (r.USCC == ret1) {
			t.Fatalf("row %s notified %v", r.USCC, r.Notified)
		}
	}
	var a, b bytes.Buffer
	if err := m.rl.Snapshot(&a); err != nil {
		t.Fatal(err)
	}
	back := recalllist.New(m.tr)
	if err := back.Restore(bytes.NewReader(a.Bytes())); err != nil {
		t.Fatal(err)
	}
	back.Snapshot(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("snapshot changed\n%s\n%s", a.Bytes(), b.Bytes())
	}
	if got, _ := back.Get(t.Context(), "r1", t0, directory); !reflect.DeepEqual(got, l) {
		t.Fatalf("restored list differs")
	}
	if all, err := back.All(t.Context(), t0, nil); err != nil || len(all) != 1 || all[0].RecallID != "r1" {
		t.Fatalf("All = %+v", all)
	}
	if _, err := back.Get(t.Context(), "nope", t0, nil); err == nil {
		t.Fatal("unknown recall answered")
	}
}

// Units a holder disposed of after withdrawing them are accounted for it
// (destroyed, or returned to its supplier); withdrawn units not disposed of
// are still in its stock.
func TestUnitsAHolderDisposedOfCountAsAccounted(t *testing.T) {
	m := recalled(t)
	m.feed(t,
		batch.Withdrawn{GTIN: gtin, Lot: lot, HolderUSCC: ret1, Reason: batch.ReasonInspectionFailed, Units: u(20, "2")},
		batch.Disposed{GTIN: gtin, Lot: lot, HolderUSCC: ret1, Disposition: batch.DispositionDestroyed, Units: u(15, "2")},
		batch.Withdrawn{GTIN: gtin, Lot: lot2, HolderUSCC: own, Reason: batch.ReasonExpired, Units: u(40)},
		batch.Disposed{GTIN: gtin, Lot: lot2, HolderUSCC: own, Disposition: batch.DispositionReturnedToSupplier, SupplierUSCC: dist, Units: u(30)},
	)
	rows := map[string]query.RecallRow{}
	for _, r := range get(t, m, t0.Add(40*time.Hour)).Holders {
		rows[r.USCC] = r
	}
	if got, want := rows[ret1], (query.RecallRow{USCC: ret1, Name: "Retailer One", Contact: "r1@example.cn", Affected: 32, InStock: 5, Sold: 11, Destroyed: 16,
		Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 5, Sold: 11, Destroyed: 16}}}); !reflect.DeepEqual(got, want) {
		t.Errorf("retailer: got %+v, want %+v", got, want)
	}
	// The supplier does not get the units back in stock.
	if got, want := rows[own], (query.RecallRow{USCC: own, Name: "Owner", Contact: "+86 21 1111", Affected: 76, InStock: 36 + 10, Returned: 30,
		Batches: []query.RecallBatchUnits{{GTIN: gtin, Lot: lot, InStock: 36}, {GTIN: gtin, Lot: lot2, InStock: 10, Returned: 30}}}); !reflect.DeepEqual(got, want) {
		t.Errorf("owner: got %+v, want %+v", got, want)
	}
	if got := rows[dist]; got.InStock != 11 || got.Returned != 0 {
		t.Errorf("distributor (the supplier): got %+v, want its 11 units in stock and nothing returned", got)
	}
}
