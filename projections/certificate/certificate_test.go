package certificate

import (
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

const (
	gtinA    = "03017620422003"
	gtinB    = "06901234567892"
	importer = "91350100M000100Y43"
)

var t0 = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

func envs(evs ...event.Event) []runner.Envelope {
	out := make([]runner.Envelope, len(evs))
	for i, ev := range evs {
		md := event.Metadata{ActorRole: "regulator", OccurredAt: t0.Add(time.Duration(i) * time.Hour)}
		if _, ok := ev.(product.BarcodeNotified); ok {
			md.ActorUSCC, md.ActorRole = importer, "enterprise"
		}
		out[i] = runner.Envelope{Record: event.Record{Position: uint64(i + 1), Type: ev.EventType(), Metadata: md}, Event: ev}
	}
	return out
}

func fold(t *testing.T, evs ...event.Event) *Projection {
	t.Helper()
	return runnertest.Fold(t, New(), envs(evs...))
}

var (
	registered = product.Registered{GTIN: gtinA, Name: "Nutella", OriginCountry: "FR"}
	notified   = product.BarcodeNotified{GTIN: gtinA, NotifierUSCC: importer, RecordNo: "R-1"}
	issued     = product.CertificateIssued{GTIN: gtinA, CertificateNo: "TZ2025030176204220031", ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}
	rejected   = product.CertificateRejected{GTIN: gtinA, Reason: "unknown prefix"}
	revoked    = product.CertificateRevoked{GTIN: gtinA, CertificateNo: issued.CertificateNo, Reason: "fraud", RevokedAt: "2025-06-01T00:00:00Z"}
)

func TestCertificateStatus(t *testing.T) {
	in := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		events []event.Event
		now    time.Time
		want   query.CertificateView
	}{
		{"registered only", []event.Event{registered}, in(2025, 4, 1), query.CertificateView{GTIN: gtinA, Imported: true, Status: "none"}},
		{"notified", []event.Event{registered, notified}, in(2025, 4, 1), query.CertificateView{GTIN: gtinA, Imported: true, Status: "notified"}},
		{"issued", []event.Event{registered, notified, issued}, in(2025, 4, 1),
			query.CertificateView{GTIN: gtinA, Imported: true, Status: "issued", CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}},
		{"last valid day", []event.Event{registered, notified, issued}, in(2026, 2, 28),
			query.CertificateView{GTIN: gtinA, Imported: true, Status: "issued", CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}},
		{"expired after valid_to", []event.Event{registered, notified, issued}, in(2026, 3, 1),
			query.CertificateView{GTIN: gtinA, Imported: true, Status: "expired", CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}},
		{"rejected", []event.Event{registered, notified, rejected}, in(2025, 4, 1), query.CertificateView{GTIN: gtinA, Imported: true, Status: "rejected"}},
		{"revoked from revoked_at", []event.Event{registered, notified, issued, revoked}, in(2025, 6, 2),
			query.CertificateView{GTIN: gtinA, Imported: true, Status: "revoked", CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}},
		{"issued before revoked_at", []event.Event{registered, notified, issued, revoked}, in(2025, 5, 31),
			query.CertificateView{GTIN: gtinA, Imported: true, Status: "issued", CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"}},
		{"notified again after rejection", []event.Event{registered, notified, rejected, notified}, in(2025, 4, 1), query.CertificateView{GTIN: gtinA, Imported: true, Status: "notified"}},
		{"notified again after expiry drops the old number", []event.Event{registered, notified, issued, notified}, in(2026, 4, 1), query.CertificateView{GTIN: gtinA, Imported: true, Status: "notified"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := fold(t, tc.events...).Get(gtinA, tc.now)
			if !ok {
				t.Fatal("product not found")
			}
			if len(got.History) != len(tc.events)-1 {
				t.Errorf("history has %d entries, want %d", len(got.History), len(tc.events)-1)
			}
			got.History = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCertificateHistory(t *testing.T) {
	p := fold(t, registered, product.Registered{GTIN: gtinB}, notified, issued)
	v, _ := p.Get(gtinA, t0)
	want := []query.CertificateEvent{
		{Position: 3, Type: product.TypeBarcodeNotified, OccurredAt: t0.Add(2 * time.Hour), Actor: query.CertificateActor{USCC: importer, Role: "enterprise"}, RecordNo: "R-1"},
		{Position: 4, Type: product.TypeCertificateIssued, OccurredAt: t0.Add(3 * time.Hour), Actor: query.CertificateActor{Role: "regulator"},
			CertificateNo: issued.CertificateNo, Version: 1, ValidFrom: "2025-03-01", ValidTo: "2026-02-28"},
	}
	if !reflect.DeepEqual(v.History, want) {
		t.Errorf("history %+v, want %+v", v.History, want)
	}
	if v, ok := p.Get(gtinB, t0); !ok || v.Status != "none" || len(v.History) != 0 {
		t.Errorf("product B: %+v %v", v, ok)
	}
	if _, ok := p.Get("04006381333931", t0); ok {
		t.Error("unknown product found")
	}
}

func TestExpiringWithin(t *testing.T) {
	other := product.CertificateIssued{GTIN: gtinB, CertificateNo: "TZB", ValidFrom: "2025-01-01", ValidTo: "2025-12-31"}
	p := fold(t, registered, notified, issued, product.Registered{GTIN: gtinB}, product.BarcodeNotified{GTIN: gtinB, NotifierUSCC: importer}, other)
	now := time.Date(2025, 12, 20, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		now  time.Time
		days int
		want []Expiring
	}{
		{"none soon", now, 5, nil},
		{"one within 30 days", now, 30, []Expiring{{GTIN: gtinB, CertificateNo: "TZB", NotifierUSCC: importer, ValidTo: "2025-12-31", DaysLeft: 11}}},
		{"both, soonest first", now, 70, []Expiring{{GTIN: gtinB, CertificateNo: "TZB", NotifierUSCC: importer, ValidTo: "2025-12-31", DaysLeft: 11},
			{GTIN: gtinA, CertificateNo: issued.CertificateNo, NotifierUSCC: importer, ValidTo: "2026-02-28", DaysLeft: 70}}},
		{"expired ones are not expiring", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 30, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.ExpiringWithin(tc.now, tc.days); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCertificateSnapshotRoundTrip(t *testing.T) {
	p := fold(t, registered, notified, issued, revoked, product.Registered{GTIN: gtinB})
	q := runnertest.RoundTrip(t, p, New())
	now := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	a, _ := p.Get(gtinA, now)
	b, _ := q.Get(gtinA, now)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("restored view %+v, want %+v", b, a)
	}
}

func TestRenewalsAndAmendmentsAreVersionsOfTheSameCertificate(t *testing.T) {
	renewed := product.CertificateRenewed{GTIN: gtinA, CertificateNo: issued.CertificateNo, Version: 2, ValidFrom: "2025-03-01", ValidTo: "2027-02-28", PreviousValidTo: "2026-02-28"}
	amended := product.CertificateAmended{GTIN: gtinA, CertificateNo: issued.CertificateNo, Version: 3, Reason: "备案号变更",
		Changes: []product.Change{{Field: "record_no", From: "R-1", To: "R-2"}}}
	allowed := product.RenotificationAllowed{GTIN: gtinA, CertificateNo: issued.CertificateNo, Reason: "remedied"}
	later := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

	p := fold(t, registered, notified, issued, renewed, amended)
	v, _ := p.Get(gtinA, later)
	if v.Status != product.StatusIssued || v.ValidTo != "2027-02-28" || v.Version != 3 {
		t.Fatalf("after its first valid_to a renewed, amended certificate is %+v, want issued to 2027-02-28 at version 3", v)
	}
	want := []query.CertificateEvent{
		{Position: 4, Type: product.TypeCertificateRenewed, OccurredAt: t0.Add(3 * time.Hour), Actor: query.CertificateActor{Role: "regulator"},
			CertificateNo: issued.CertificateNo, Version: 2, ValidFrom: "2025-03-01", ValidTo: "2027-02-28"},
		{Position: 5, Type: product.TypeCertificateAmended, OccurredAt: t0.Add(4 * time.Hour), Actor: query.CertificateActor{Role: "regulator"},
			CertificateNo: issued.CertificateNo, Version: 3, Reason: "备案号变更", Changes: []query.CertificateChange{{Field: "record_no", From: "R-1", To: "R-2"}}},
	}
	if !reflect.DeepEqual(v.History[2:], want) {
		t.Errorf("history %+v, want %+v", v.History[2:], want)
	}
	if exp := p.ExpiringWithin(time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC), 30); len(exp) != 0 {
		t.Errorf("a renewed certificate is still listed as expiring at its old valid_to: %+v", exp)
	}

	p = fold(t, registered, notified, issued, revoked, allowed)
	v, _ = p.Get(gtinA, later)
	if v.Status != product.StatusRevoked || !v.RenotificationAllowed || v.History[len(v.History)-1].Reason != "remedied" {
		t.Fatalf("after leave to notify again: %+v, want revoked with re-notification allowed", v)
	}
	p = fold(t, registered, notified, issued, revoked, allowed, notified)
	if v, _ = p.Get(gtinA, later); v.Status != product.StatusNotified || v.RenotificationAllowed || v.CertificateNo != "" {
		t.Fatalf("the new notification: %+v, want notified, a new cycle", v)
	}
	q := runnertest.RoundTrip(t, fold(t, registered, notified, issued, renewed, amended), New())
	if a, _ := q.Get(gtinA, later); a.Version != 3 || !a.Imported {
		t.Errorf("restored view %+v lost the version or the origin", a)
	}
}
