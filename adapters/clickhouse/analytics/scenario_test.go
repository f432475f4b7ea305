package analytics_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// edgeLog builds a log event by event, at times it is told: positions from
// 1, data as the store would keep it.
type edgeLog struct {
	at   time.Time
	envs []runner.Envelope
}

func (l *edgeLog) on(at time.Time) *edgeLog { l.at = at; return l }

func (l *edgeLog) add(evs ...event.Event) *edgeLog {
	for _, e := range evs {
		data, err := json.Marshal(e)
		if err != nil {
			panic(err)
		}
		pos := uint64(len(l.envs) + 1)
		l.envs = append(l.envs, runner.Envelope{Event: e, Record: event.Record{
			ID: uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "%d", pos)), Stream: "s", Position: pos, Type: e.EventType(),
			Data: data, Metadata: event.Metadata{OccurredAt: l.at, RecordedAt: l.at}}})
	}
	return l
}

// The edge-case log's enterprises, products and times.
const (
	imp, shop, other, nobody = "91350100M00000001A", "91350100M00000002B", "91350100M00000003C", "91350100M00000004D"
	g1, g2                   = "03017620422003", "06901234567892"
	day                      = 24 * time.Hour
)

var (
	t0       = time.Date(2026, 3, 6, 9, 0, 0, 123456789, time.UTC)
	deadline = t0.Add(10 * day)
)

// edgeCases is a log that the demo cannot produce because the ledger
// refuses parts of it (a log imported from elsewhere): a sale of recalled
// goods, a smuggling rejection and a customs fine above the limit (every
// serious violation), a receipt of a shipment never dispatched, returns of
// sold and unsold serials and of more units than in stock, a holder that
// accounts and then holds units again, a holder that accounts by disposing
// of withdrawn units (destroyed) and one that still holds withdrawn units
// after returning the rest to its supplier, a recall closed late, a certificate
// rejected, revoked, renewed, handed to another holder and expired while
// in stock, free text with characters
// JSON escapes, and times with nanoseconds on both sides of the deadlines.
func edgeCases() []runner.Envelope {
	l := &edgeLog{at: t0}
	l.add(
		enterprise.Registered{USCC: imp, Name: "Importer <A&B> \"Ltd\"", Region: "440100", Roles: []string{"importer"}},
		enterprise.Registered{USCC: shop, Name: "小店", Region: "440100", Roles: []string{"retailer"}},
		product.Registered{GTIN: g1, Name: "Tea", Category: "food", OriginCountry: "FR", OwnerUSCC: imp},
		product.BarcodeNotified{GTIN: g1, NotifierUSCC: shop},
		product.CertificateIssued{GTIN: g1, CertificateNo: "C1", ValidFrom: "2026-01-01", ValidTo: "2026-03-20"},
		product.CertificateRenewed{GTIN: g1, CertificateNo: "C1", Version: 2, ValidFrom: "2026-01-01", ValidTo: "2026-03-31", PreviousValidTo: "2026-03-20"},
		product.CertificateAmended{GTIN: g1, CertificateNo: "C1", Version: 3, Reason: "holder <changed>",
			Changes: []product.Change{{Field: "holder_uscc", From: shop, To: other}}},
		product.Registered{GTIN: g2, Name: "Milk", Category: "dairy", OriginCountry: "NZ", OwnerUSCC: other},
		product.BarcodeNotified{GTIN: g2, NotifierUSCC: imp},
		product.CertificateRejected{GTIN: g2, Reason: "label <missing>"},
		product.BarcodeNotified{GTIN: g2, NotifierUSCC: shop},
		product.CertificateIssued{GTIN: g2, CertificateNo: "C2", ValidFrom: "2026-01-01", ValidTo: "2027-01-01"},
		product.CertificateRevoked{GTIN: g2, CertificateNo: "C2", Reason: "fraud & forgery", RevokedAt: "2026-03-07"},
		customs.Declared{DeclarationNo: "D1", Port: "CNGZG", ImporterUSCC: imp, Lines: []customs.Line{{GTIN: g1, Lot: "L1", Quantity: 100}}},
		customs.Inspected{DeclarationNo: "D1", Result: "fail"},
		customs.Inspected{DeclarationNo: "D9", Result: "fail"},
		customs.Rejected{DeclarationNo: "D1", Reason: "SMUGGLED goods <hidden> & undeclared"},
		customs.Rejected{DeclarationNo: "D9", Reason: "smuggling, unknown declaration"},
		enterprise.PenaltyImposed{USCC: imp, Authority: "Guangzhou Customs 海关", AmountCNY: 1_000_001, Reason: "evasion & more"},
		enterprise.PenaltyImposed{USCC: imp, Authority: "海关", AmountCNY: 1_000_000, Reason: "at the limit"},
		enterprise.PenaltyImposed{USCC: shop, Authority: "市场监督管理局", AmountCNY: 50_000, Reason: "labelling"},
		batch.Registered{GTIN: g1, Lot: "L1", Quantity: 100, OwnerUSCC: imp, OriginCountry: "FR", Imported: true, ExpiresOn: "2026-03-07"},
		batch.Labelled{GTIN: g1, Lot: "L1", OwnerUSCC: imp, Serials: []string{"S1", "S2", "S3", "S4", "S5"}},
		batch.Shipped{GTIN: g1, Lot: "L1", ShipmentID: "SH1", FromUSCC: imp, ToUSCC: shop, Units: batch.Units{Serials: []string{"S1", "S2", "S3"}, Quantity: 30}},
	)
	l.on(t0.Add(time.Hour)).add(
		batch.Received{GTIN: g1, Lot: "L1", ShipmentID: "SH1", ToUSCC: shop},
		batch.Received{GTIN: g1, Lot: "L1", ShipmentID: "GHOST", ToUSCC: other, Units: batch.Units{Quantity: 7}},
		batch.Sold{GTIN: g1, Lot: "L1", SellerUSCC: shop, Channel: "retail", Units: batch.Units{Serials: []string{"S1"}, Quantity: 10}},
		batch.Sold{GTIN: g1, Lot: "L1", SellerUSCC: nobody, Channel: "retail"},
		complaint.Filed{ComplaintID: "K1", GTIN: g1, Lot: "L1", AgainstUSCC: shop, Category: "quality", Severity: 2, Channel: "12315"},
		complaint.Resolved{ComplaintID: "K1", AgainstUSCC: shop, Substantiated: true, Outcome: "refund"},
		batch.Inspected{GTIN: g1, Lot: "L1", EnterpriseUSCC: shop, Result: "fail"},
		batch.Inspected{GTIN: g1, Lot: "L1", EnterpriseUSCC: shop, Result: "pass"},
		batch.Registered{GTIN: g2, Lot: "M1", Quantity: 40, OwnerUSCC: other},
		batch.Registered{GTIN: g2, Lot: "M2", Quantity: 40, OwnerUSCC: other, Imported: true, ExpiresOn: "2027-01-01"},
		batch.Sold{GTIN: g2, Lot: "M2", SellerUSCC: other, Channel: "retail", Units: batch.Units{Quantity: 3}},
		batch.Sold{GTIN: g2, Lot: "M1", SellerUSCC: other, Channel: "retail", Units: batch.Units{Quantity: 3}},
	)
	l.on(t0.Add(2*day)).add(
		recall.Started{RecallID: "R1", Batches: []recall.BatchKey{{GTIN: g1, Lot: "L1"}}, Level: 2, Reason: "glass & <shards>",
			InitiatedByUSCC: other, StartBy: t0.Format(time.RFC3339), CompleteBy: deadline.Format(time.RFC3339Nano)},
		batch.Recalled{GTIN: g1, Lot: "L1", RecallID: "R1", Level: 2},
		recall.Started{RecallID: "R2", Batches: []recall.BatchKey{{GTIN: g2, Lot: "M1"}}, Level: 1, Reason: "toxin",
			InitiatedByUSCC: imp, CompleteBy: "not a time"},
		batch.Registered{GTIN: g2, Lot: "V1", Quantity: 5, OwnerUSCC: shop},
		recall.Started{RecallID: "R3", Batches: []recall.BatchKey{{GTIN: g2, Lot: "V1"}}, Level: 1, Reason: "own accord",
			InitiatedByUSCC: shop, CompleteBy: deadline.Format(time.RFC3339Nano)},
	)
	l.envs[len(l.envs)-1].Metadata.ActorRole = "enterprise"
	l.add(recall.Started{RecallID: "R4", Batches: []recall.BatchKey{{GTIN: g2, Lot: "M2"}}, Level: 2, Reason: "open & overdue",
		InitiatedByUSCC: other, CompleteBy: deadline.Add(time.Second).Format(time.RFC3339Nano)})
	l.envs[len(l.envs)-1].Metadata.ActorRole = "regulator"
	l.on(t0.Add(3*day)).add(
		batch.Sold{GTIN: g1, Lot: "L1", SellerUSCC: shop, Channel: "online", Units: batch.Units{Quantity: 2}},
		batch.Sold{GTIN: g2, Lot: "M2", SellerUSCC: other, Channel: "retail", Units: batch.Units{Quantity: 1}},
		batch.Returned{GTIN: g1, Lot: "L1", RecallID: "R1", HolderUSCC: shop, Disposition: "returned",
			Units: batch.Units{Serials: []string{"S1", "S2", "S3"}, Quantity: 25}},
		batch.Returned{GTIN: g1, Lot: "L1", RecallID: "R1", HolderUSCC: other, Disposition: "destroyed", Units: batch.Units{Quantity: 7}},
	)
	// Withdrawn units stay in stock; disposed ones leave it: the shop
	// destroys all of V1 (R3) and accounts, the other enterprise returns 30
	// of M2's 36 units to its supplier and still holds 6 (R4).
	l.on(t0.Add(4*day)).add(
		batch.Withdrawn{GTIN: g2, Lot: "V1", HolderUSCC: shop, Reason: batch.ReasonExpired, Units: batch.Units{Quantity: 5}},
		batch.Withdrawn{GTIN: g2, Lot: "M2", HolderUSCC: other, Reason: batch.ReasonInspectionFailed, Note: "<recalled> & failed",
			Units: batch.Units{Quantity: 36}},
		batch.Disposed{GTIN: g2, Lot: "V1", HolderUSCC: shop, Disposition: batch.DispositionDestroyed, Units: batch.Units{Quantity: 5}},
		batch.Disposed{GTIN: g2, Lot: "M2", HolderUSCC: other, Disposition: batch.DispositionReturnedToSupplier, SupplierUSCC: imp,
			Units: batch.Units{Quantity: 30}},
	)
	// The other holder accounts before the deadline, then holds units again;
	// the importer accounts exactly at the deadline.
	l.on(deadline.Add(-time.Nanosecond)).add(
		batch.Returned{GTIN: g1, Lot: "L1", RecallID: "R1", HolderUSCC: imp, Disposition: "destroyed",
			Units: batch.Units{Serials: []string{"S4"}, Quantity: 69}},
		batch.Shipped{GTIN: g1, Lot: "L1", ShipmentID: "SH2", FromUSCC: imp, ToUSCC: other, Units: batch.Units{Serials: []string{"S5"}}},
	)
	l.on(deadline).add(batch.Received{GTIN: g1, Lot: "L1", ShipmentID: "SH2", ToUSCC: other})
	l.on(deadline.Add(time.Nanosecond)).add(recall.Closed{RecallID: "R1"})

	return l.envs
}

// TestGradeEdgeCases grades the edge-case log in both engines at times
// around its deadlines.
func TestGradeEdgeCases(t *testing.T) {
	envs := edgeCases()
	srv := chtest.Start(t)
	conn, err := clickhouse.Open(t.Context(), srv.DSN)
	if err != nil {
		t.Fatalf("clickhouse open: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	fill(t, conn, envs, append([]clickhouse.Table{clickhouse.NewEventsTable()}, chanalytics.Tables()...))
	model := risk.New()
	if err := model.Apply(envs); err != nil {
		t.Fatal(err)
	}
	src := chanalytics.NewSource(conn, risk.Embedded())
	kinds := map[string]bool{}
	for _, at := range []time.Time{t0, deadline, deadline.Add(time.Nanosecond), deadline.Add(time.Second), deadline.Add(2 * time.Second), t0.AddDate(0, 1, 0)} {
		want := model.Top(at, 100)
		got, err := src.GradeAll(t.Context(), at)
		if err != nil {
			t.Fatalf("GradeAll: %v", err)
		}
		if len(got) != len(want) {
			t.Fatalf("as of %v: ClickHouse grades %d enterprises, embedded %d", at, len(got), len(want))
		}
		for i := range want {
			if err := sameGrade(got[i], want[i]); err != nil {
				t.Errorf("as of %v: %v", at, err)
			}
			for _, v := range want[i].SeriousViolations {
				kinds[v.Kind] = true
			}
		}
	}
	if len(kinds) != 5 {
		t.Errorf("the log shows violations %v, want all five kinds", kinds)
	}
}
