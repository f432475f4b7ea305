package risk_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// busyLog touches every part of the fold.
func busyLog() *logOf {
	l := newLog().add(
		enterprise.Registered{USCC: importer, Name: "Importer"}, enterprise.Registered{USCC: retailer, Name: "Retailer"},
		product.Registered{GTIN: gtin, OwnerUSCC: importer, OriginCountry: "FR"},
		product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
		product.CertificateIssued{GTIN: gtin, CertificateNo: "TZ1", ValidFrom: "2026-01-01", ValidTo: "2026-03-31"},
		customs.Declared{DeclarationNo: "1", ImporterUSCC: importer}, customs.Inspected{DeclarationNo: "1", Result: "fail"},
		registered(gtin, "L1", importer, 20), registered(gtin, "L2", importer, 5),
		labelled("L1", importer, "a", "b", "c"),
		shipped("L1", "s1", importer, retailer, 10, "a", "b"), received("L1", "s1", retailer, 10, "a", "b"),
		shipped("L2", "s2", importer, retailer, 5),
		sold("L1", retailer, 4, "a"),
		complaint.Resolved{ComplaintID: "c1", AgainstUSCC: retailer, Substantiated: true, Outcome: "refund"},
		enterprise.PenaltyImposed{USCC: retailer, Authority: "市场监督管理局", AmountCNY: 20000, Reason: "x"},
	)
	l.on(t0.Add(time.Hour)).recall("r1", 2, importer, "L1", "L2")
	l.on(t0.Add(2*time.Hour)).add(returned("L1", "r1", retailer, 0, "a"), returned("L1", "r1", retailer, 6))
	return l
}

// The same envelopes in the same order give the same bytes and grades,
// whether applied at once or one by one, at whatever wall-clock time.
func TestDeterminism(t *testing.T) {
	l := busyLog()
	a := l.fold(t)
	time.Sleep(2 * time.Millisecond)
	b := risk.New()
	for i := range l.envs {
		if err := b.Apply([]runner.Envelope{l.envs[i]}); err != nil {
			t.Fatal(err)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if !bytes.Equal(sa, sb) {
		t.Fatalf("snapshots differ:\n%s\n%s", sa, sb)
	}
	if again := snapshot(t, a); !bytes.Equal(sa, again) {
		t.Fatal("two snapshots of one state differ")
	}
	now := t0.AddDate(0, 1, 0)
	for _, u := range []string{importer, retailer} {
		if ga, gb := mustGrade(t, a, u, now), mustGrade(t, b, u, now); !reflect.DeepEqual(ga, gb) {
			t.Errorf("grades of %s differ:\n%+v\n%+v", u, ga, gb)
		}
	}
	if !reflect.DeepEqual(a.Distribution(now), b.Distribution(now)) || !reflect.DeepEqual(a.Top(now, 5), b.Top(now, 5)) {
		t.Error("distribution or top differ")
	}
}

// Restore(Snapshot(x)) snapshots to the same bytes and grades the same.
func TestSnapshotRoundTrip(t *testing.T) {
	a := busyLog().fold(t)
	sa := snapshot(t, a)
	b := risk.New()
	if err := b.Restore(bytes.NewReader(sa)); err != nil {
		t.Fatal(err)
	}
	if sb := snapshot(t, b); !bytes.Equal(sa, sb) {
		t.Fatalf("round trip changed the snapshot:\n%s\n%s", sa, sb)
	}
	now := t0.AddDate(0, 1, 0)
	if ga, gb := mustGrade(t, a, retailer, now), mustGrade(t, b, retailer, now); !reflect.DeepEqual(ga, gb) {
		t.Errorf("grades differ after restore:\n%+v\n%+v", ga, gb)
	}
	// The restored model keeps folding like the original.
	more := newLog().on(t0.Add(3 * time.Hour)).add(returned("L1", "r1", retailer, 0, "b"))
	more.envs[0].Position = uint64(len(busyLog().envs) + 1)
	a.Apply(more.envs)
	b.Apply(more.envs)
	if sa, sb := snapshot(t, a), snapshot(t, b); !bytes.Equal(sa, sb) {
		t.Fatal("the restored model folds differently")
	}
	b.Reset()
	if _, ok := b.Grade(retailer, now); ok {
		t.Error("Reset kept an enterprise")
	}
	if err := b.Restore(bytes.NewReader([]byte("{"))); err == nil {
		t.Error("a broken snapshot restored")
	}
}

func TestQueries(t *testing.T) {
	p := busyLog().fold(t)
	now := t0.AddDate(0, 1, 0)
	if _, ok := p.Grade(other, now); ok {
		t.Error("an enterprise the log never mentions is graded")
	}
	g := mustGrade(t, p, importer, now)
	if g.Name != "Importer" || !g.AsOf.Equal(now) || g.SeriousViolations == nil {
		t.Errorf("grade %+v", g)
	}
	dist := p.Distribution(now)
	total := 0
	for i, d := range dist {
		if d.Grade != i+1 {
			t.Errorf("distribution %v does not list grades 1-4 in order", dist)
		}
		total += d.Enterprises
	}
	if len(dist) != 4 || total != 2 {
		t.Errorf("distribution %v, want 4 grades and 2 enterprises", dist)
	}
	top := p.Top(now, 1)
	if len(top) != 1 {
		t.Fatalf("top 1 = %d grades", len(top))
	}
	all := p.Top(now, 10)
	if len(all) != 2 || all[0].USCC != top[0].USCC {
		t.Fatalf("top = %+v", all)
	}
	if a, b := all[0], all[1]; a.Grade < b.Grade || (a.Grade == b.Grade && a.Score < b.Score) {
		t.Errorf("top not riskiest first: %v/%v then %v/%v", a.Grade, a.Score, b.Grade, b.Score)
	}
	if len(p.Top(now, 0)) != 0 {
		t.Error("top 0 is not empty")
	}
}
