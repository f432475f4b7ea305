package risk_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/risk"
)

const day = 24 * time.Hour

// by sets the actor role of the last n events added.
func (l *logOf) by(role string, n int) *logOf {
	for i := len(l.envs) - n; i < len(l.envs); i++ {
		l.envs[i].Metadata.ActorRole = role
	}
	return l
}

// A level-1 recall the owner starts of its own accord is the conduct the
// recall rules reward: it counts as a factor, not as a serious violation; the
// same recall ordered by a regulator forces class 4.
func TestAVoluntaryLevel1RecallIsNotClass4(t *testing.T) {
	for _, c := range []struct {
		role  string
		grade int
	}{{"enterprise", 1}, {"regulator", 4}} {
		l := newLog().add(registered(gtin, "L1", importer, 10))
		l.recall("r1", 1, importer, "L1").by(c.role, 2)
		g := mustGrade(t, l.fold(t), importer, t0.Add(day))
		if g.Grade != c.grade || g.Features.RecallsLevel1 != 1 {
			t.Errorf("level-1 recall recorded by %s: grade %d, features %+v, violations %v; want grade %d", c.role, g.Grade, g.Features, g.SeriousViolations, c.grade)
		}
	}
}

// A level-1 or level-2 recall of its goods still open after its deadline
// forces class 4 on the owner until it is closed; the missed deadline stays
// a factor. A level-3 recall overdue is the factor only.
func TestAnOverdueRecallCountsAgainstTheOwnerUntilClosed(t *testing.T) {
	l := newLog().add(registered(gtin, "L1", importer, 10), registered(gtin, "L3", other, 10))
	l.recall("r2", 2, importer, "L1").by("regulator", 2)
	l.recall("r3", 3, other, "L3").by("enterprise", 2)
	_, due := recall.Level(2).Deadlines(t0)
	p := l.fold(t)
	if g := mustGrade(t, p, importer, due); g.Grade != 1 {
		t.Fatalf("at the deadline: grade %d, violations %v; want 1", g.Grade, g.SeriousViolations)
	}
	late := due.Add(day)
	g := mustGrade(t, p, importer, late)
	if g.Grade != 4 || len(g.SeriousViolations) != 1 || g.SeriousViolations[0].Kind != risk.ViolationOverdueRecall ||
		!g.SeriousViolations[0].OccurredAt.Equal(due) || g.Features.RecallDeadlinesMissed != 1 {
		t.Fatalf("after the deadline: %+v", g)
	}
	if g := mustGrade(t, p, other, late.AddDate(0, 1, 0)); g.Grade == 4 || g.Features.RecallDeadlinesMissed != 1 {
		t.Errorf("an overdue level-3 recall: grade %d, features %+v; want the factor only", g.Grade, g.Features)
	}
	l.on(late).add(batch.Returned{GTIN: gtin, Lot: "L1", RecallID: "r2", HolderUSCC: importer, Disposition: "destroyed",
		Units: batch.Units{Quantity: 10}}, recall.Closed{RecallID: "r2"})
	p = l.fold(t)
	if g := mustGrade(t, p, importer, late.Add(day)); g.Grade == 4 || g.Features.RecallDeadlinesMissed != 1 {
		t.Errorf("closed late: grade %d, features %+v; want below 4 with the deadline missed", g.Grade, g.Features)
	}
}

// Sales of imported goods without a certificate issued and valid on the
// sale's day, and sales after the batch's expiry, are counted against the
// seller; domestic goods need no certificate.
func TestUncertifiedAndExpiredSalesAreFactors(t *testing.T) {
	imported := func(lot, expires string) batch.Registered {
		r := registered(gtin, lot, importer, 100)
		r.Imported, r.ExpiresOn = true, expires
		return r
	}
	l := newLog().add(product.Registered{GTIN: gtin, OwnerUSCC: importer, OriginCountry: "FR"},
		imported("L1", "2026-03-08"), registered(gtin, "L2", importer, 100))
	l.add(sold("L1", importer, 1), sold("L2", importer, 1)) // no certificate yet: L1 counts, domestic L2 not
	l.add(product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
		product.CertificateIssued{GTIN: gtin, CertificateNo: "C1", ValidFrom: "2026-03-01", ValidTo: "2026-03-09"})
	l.add(sold("L1", importer, 1))                                            // valid
	l.on(t0.Add(2 * day)).add(sold("L1", importer, 1))                        // 03-08: valid, the expiry day itself
	l.on(t0.Add(3*day)).add(sold("L1", importer, 1), sold("L2", importer, 0)) // 03-09: expired batch; nothing sold is nothing
	l.on(t0.Add(4 * day)).add(sold("L1", importer, 1))                        // 03-10: expired batch and certificate
	l.add(product.CertificateRevoked{GTIN: gtin, CertificateNo: "C1", Reason: "x"})
	g := mustGrade(t, l.fold(t), importer, t0.Add(5*day))
	if g.Features.UncertifiedSales != 2 || g.Features.ExpiredSales != 2 {
		t.Errorf("features %+v; want 2 uncertified and 2 expired sales", g.Features)
	}
	if f := g.Factors["uncertified_sales"]; f.Value != 2 || f.Contribution != 2.67 {
		t.Errorf("uncertified_sales = %+v", f)
	}
}

// A renewal keeps the certificate valid past its first last day, and an
// amendment that hands it to another importer makes that importer answer
// for it once it lapses with goods still in stock.
func TestARenewedCertificateKeepsSalesCertifiedAndAnAmendmentMovesTheLapse(t *testing.T) {
	l := newLog().add(product.Registered{GTIN: gtin, OwnerUSCC: importer, OriginCountry: "FR"})
	r := registered(gtin, "L1", importer, 100)
	r.Imported = true
	l.add(r, product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
		product.CertificateIssued{GTIN: gtin, CertificateNo: "C1", ValidFrom: "2026-03-01", ValidTo: "2026-03-07"},
		product.CertificateRenewed{GTIN: gtin, CertificateNo: "C1", Version: 2, ValidFrom: "2026-03-01", ValidTo: "2026-03-12", PreviousValidTo: "2026-03-07"},
		product.CertificateAmended{GTIN: gtin, CertificateNo: "C1", Version: 3, Reason: "new importer",
			Changes: []product.Change{{Field: "holder_uscc", From: importer, To: retailer}}})
	l.on(t0.Add(3 * day)).add(sold("L1", importer, 1)) // 03-09: after the first valid_to, within the renewed one
	p := l.fold(t)
	if g := mustGrade(t, p, importer, t0.Add(4*day)); g.Features.UncertifiedSales != 0 || g.Features.CertificatesExpiredInUse != 0 {
		t.Errorf("under the renewed certificate: features %+v; want no uncertified sale and no lapse", g.Features)
	}
	if g := mustGrade(t, p, retailer, t0.Add(10*day)); g.Features.CertificatesExpiredInUse != 1 {
		t.Errorf("the new holder after the renewed certificate expired with goods in stock: features %+v; want one lapse", g.Features)
	}
}

// The blacklist records when an enterprise enters class 4 and why, and
// when it leaves it: an overdue recall lists its owner at the deadline, its
// closing de-lists it; a query shows a deadline passed since the last event.
func TestTheBlacklistRecordsListingsAndDelistings(t *testing.T) {
	l := newLog().add(registered(gtin, "L1", importer, 10))
	l.recall("r2", 2, importer, "L1").by("regulator", 2)
	_, due := recall.Level(2).Deadlines(t0)
	p := l.fold(t)
	if got := p.Blacklist(due); len(got) != 0 {
		t.Fatalf("before the deadline: %+v", got)
	}
	pending := p.Blacklist(due.Add(day))
	if len(pending) != 1 || !pending[0].Listed || pending[0].USCC != importer || !pending[0].At.Equal(due) || pending[0].Reason != risk.ViolationOverdueRecall {
		t.Fatalf("after the deadline, before any event: %+v", pending)
	}
	late := due.Add(2 * day)
	l.on(late).add(batch.Returned{GTIN: gtin, Lot: "L1", RecallID: "r2", HolderUSCC: importer, Disposition: "destroyed",
		Units: batch.Units{Quantity: 10}}, recall.Closed{RecallID: "r2"})
	got := l.fold(t).Blacklist(late.Add(day))
	if len(got) != 2 || !got[0].Listed || !got[0].At.Equal(due) || got[1].Listed || !got[1].At.Equal(late) ||
		got[1].Reason != "cleared" || got[1].Seq != 2 || got[1].Position != uint64(len(l.envs)) {
		t.Fatalf("after closing late: %+v", got)
	}
}
