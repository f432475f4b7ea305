package alert_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

const (
	g   = "06901234567892"
	own = "91310000MA1K00001X"
	ret = "91310000MA1K00003X"
)

var now = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

type certs []certificate.Expiring

func (c certs) ExpiringWithin(time.Time, int) []certificate.Expiring { return c }

type names map[string]string

func (n names) Name(u string) string { return n[u] }

func models(t *testing.T, evs ...event.Event) (*trace.Projection, *recalllist.Projection) {
	t.Helper()
	tr := trace.New()
	rl := recalllist.New(tr)
	envs := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		envs[i].Event, envs[i].Position, envs[i].Type = ev, uint64(i+1), ev.EventType()
		envs[i].Metadata.OccurredAt = now.Add(-30 * 24 * time.Hour)
	}
	tr.Apply(envs)
	rl.Apply(envs)
	return tr, rl
}

func reg(lot, expires string, q int64, imported bool) batch.Registered {
	return batch.Registered{GTIN: g, Lot: lot, Quantity: q, ProducedOn: "2026-01-01", ExpiresOn: expires, OwnerUSCC: own, OriginCountry: "CN", Imported: imported}
}

func TestAlerts(t *testing.T) {
	old := now.Add(-30 * 24 * time.Hour)
	tr, rl := models(t,
		reg("NEAR", "2026-12-20", 50, false),
		reg("FAR", "2027-06-01", 50, false),
		reg("OLD", "2026-11-01", 30, false),
		batch.Shipped{GTIN: g, Lot: "OLD", ShipmentID: "s1", FromUSCC: own, ToUSCC: ret, Waybill: "W", Units: batch.Units{Quantity: 30}},
		batch.Received{GTIN: g, Lot: "OLD", ShipmentID: "s1", ToUSCC: ret},
		batch.Sold{GTIN: g, Lot: "OLD", SellerUSCC: ret, Channel: "retail", Units: batch.Units{Quantity: 10}},
		reg("BAD", "2027-06-01", 20, false),
		recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: g, Lot: "BAD"}}, Level: 1, Reason: "x", InitiatedByUSCC: own,
			StartBy: old.Add(24 * time.Hour).Format(time.RFC3339), CompleteBy: old.Add(14 * 24 * time.Hour).Format(time.RFC3339)},
		batch.Recalled{GTIN: g, Lot: "BAD", RecallID: "r1", Level: 1},
		reg("REJ", "2027-06-01", 5, true),
		batch.Cleared{GTIN: g, Lot: "REJ", DeclarationNo: "223120261000000009", Decision: batch.DecisionRejected, Reason: "residues"},
	)
	e := alert.New(tr, rl, certs{{GTIN: g, CertificateNo: "C-1", NotifierUSCC: own, ValidTo: "2026-12-15"}})
	rep := report(t, e, now, 30, names{own: "Owner", ret: "Shop"})
	type row struct {
		kind, sev, lot, uscc string
		units                int64
		recall, due          string
	}
	var got []row
	for _, a := range rep.Alerts {
		got = append(got, row{a.Kind, a.Severity, a.Lot, a.USCC, a.Units, a.RecallID, a.Due})
	}
	want := []row{
		{alert.KindExpired, "high", "OLD", ret, 20, "", "2026-11-01"},
		{alert.KindRecallOverdue, "high", "", own, 20, "r1", old.Add(14 * 24 * time.Hour).Format(time.RFC3339)},
		{alert.KindRecalledStock, "high", "BAD", own, 20, "r1", ""},
		{alert.KindRejectedImports, "high", "REJ", own, 5, "", ""},
		{alert.KindCertificate, "medium", "", own, 0, "", "2026-12-15"},
		{alert.KindNearExpiry, "medium", "NEAR", own, 50, "", "2026-12-20"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("alerts\n got %+v\nwant %+v", got, want)
	}
	if rep.Alerts[0].Name != "Shop" || rep.Alerts[0].Message == "" {
		t.Fatalf("first alert %+v", rep.Alerts[0])
	}
	if mine := rep.For(ret); len(mine.Alerts) != 1 || mine.Alerts[0].Kind != alert.KindExpired {
		t.Fatalf("retailer's alerts %+v", mine)
	}
	if short := report(t, e, now, 5, nil); len(short.Alerts) != 5 {
		t.Fatalf("with 5 days the near-expiry batch is not due: %+v", short.Alerts)
	}
	if bare := report(t, alert.New(tr, nil, nil), now, 30, nil); len(bare.Alerts) != 4 {
		t.Fatalf("without recalls and certificates: %+v", bare.Alerts)
	}
}

// report is m's alerts under t's context; a failed read fails the test.
func report(t *testing.T, m query.AlertModel, now time.Time, expiryDays int, names query.Names) query.AlertReport {
	t.Helper()
	r, err := m.Alerts(t.Context(), now, expiryDays, names)
	if err != nil {
		t.Fatalf("alerts: %v", err)
	}
	return r
}
