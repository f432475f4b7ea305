package risk_test

import (
	"math"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
)

func TestFactors(t *testing.T) {
	now := t0.AddDate(0, 0, 1)
	resolved := func(against string, substantiated bool) complaint.Resolved {
		return complaint.Resolved{ComplaintID: "c", AgainstUSCC: against, Substantiated: substantiated, Outcome: "x"}
	}
	inspected := func(at, result string) batch.Inspected {
		return batch.Inspected{GTIN: gtin, Lot: "L1", EnterpriseUSCC: at, Result: result, Findings: "f"}
	}
	declared := func(no, by string) customs.Declared {
		return customs.Declared{DeclarationNo: no, Port: "CNGZ", ImporterUSCC: by}
	}
	cases := []struct {
		name         string
		log          func(l *logOf)
		who          string
		now          time.Time
		factor       string
		value        float64
		contribution float64
	}{
		{"a tiny seller's complaint counts against the 1,000-unit floor", func(l *logOf) {
			l.add(registered(gtin, "L1", retailer, 3), sold("L1", retailer, 3), resolved(retailer, true), resolved(retailer, false))
		}, retailer, now, "complaints_per_1000_units", 1, 3.6},
		{"complaints per 1,000 units of a large seller", func(l *logOf) {
			l.add(registered(gtin, "L1", retailer, 5000), sold("L1", retailer, 3000), sold("L1", retailer, 0, "a", "b"),
				batch.Sold{GTIN: gtin, Lot: "L1", SellerUSCC: retailer, Units: batch.Units{Quantity: 998}},
				resolved(retailer, true), resolved(retailer, true), resolved(other, true))
		}, retailer, now, "complaints_per_1000_units", 0.5, 1.8},
		{"one failed spot check out of one reads against the floor of 5", func(l *logOf) {
			l.add(inspected(retailer, "fail"))
		}, retailer, now, "market_inspection_failure_rate", 0.2, 6.4},
		{"failure rate above the saturation", func(l *logOf) {
			for i := range 10 {
				l.add(inspected(retailer, map[bool]string{true: "fail", false: "pass"}[i < 6]))
			}
		}, retailer, now, "market_inspection_failure_rate", 0.6, 16},
		{"customs inspections failed on its own declarations", func(l *logOf) {
			l.add(declared("1", importer), declared("2", importer), declared("3", other),
				customs.Inspected{DeclarationNo: "1", Result: "fail"}, customs.Inspected{DeclarationNo: "2", Result: "fail"},
				customs.Inspected{DeclarationNo: "3", Result: "fail"}, customs.Inspected{DeclarationNo: "9", Result: "fail"},
				customs.Inspected{DeclarationNo: "1", Result: "pass"})
		}, importer, now, "customs_inspection_failures", 2, 4.67},
		{"customs rejections of its declarations", func(l *logOf) {
			l.add(declared("1", importer), customs.Rejected{DeclarationNo: "1", Reason: "documents missing"})
		}, importer, now, "customs_rejections", 1, 4},
		{"a level-2 recall of two of its batches counts once", func(l *logOf) {
			l.add(registered(gtin, "L1", importer, 10), registered(gtin, "L2", importer, 10))
			l.recall("r1", 2, importer, "L1", "L2")
		}, importer, now, "recalls_level_2", 1, 3},
		{"a recall it initiated on another's batch", func(l *logOf) {
			l.add(registered(gtin, "L1", other, 10))
			l.recall("r1", 3, importer, "L1")
		}, importer, now, "recalls_level_3", 1, 1},
		{"a level-1 recall it initiated on another's batch", func(l *logOf) {
			l.add(registered(gtin, "L1", other, 10))
			l.recall("r1", 1, importer, "L1")
		}, importer, now, "recalls_level_1", 1, 8},
		{"penalties are counted", func(l *logOf) {
			l.add(enterprise.PenaltyImposed{USCC: retailer, Authority: "市场监督管理局", AmountCNY: 50000, Reason: "x"},
				enterprise.PenaltyImposed{USCC: retailer, Authority: "市场监督管理局", AmountCNY: 150000, Reason: "y"},
				enterprise.PenaltyImposed{USCC: other, Authority: "市场监督管理局", AmountCNY: 1, Reason: "z"})
		}, retailer, now, "penalties", 2, 4},
		{"penalty amounts are summed", func(l *logOf) {
			l.add(enterprise.PenaltyImposed{USCC: retailer, Authority: "市场监督管理局", AmountCNY: 50000, Reason: "x"},
				enterprise.PenaltyImposed{USCC: retailer, Authority: "海关", AmountCNY: 150000, Reason: "y"})
		}, retailer, now, "penalty_amount_cny", 200000, 1.4},
		{"a rejected certificate is a lapse of the notifier", func(l *logOf) {
			l.add(product.Registered{GTIN: gtin, OwnerUSCC: other, OriginCountry: "FR"},
				product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
				product.CertificateRejected{GTIN: gtin, Reason: "unknown prefix"})
		}, importer, now, "certificate_lapses", 1, 1.33},
		{"a revoked certificate is a lapse of the owner", func(l *logOf) {
			l.add(product.Registered{GTIN: gtin, OwnerUSCC: importer, OriginCountry: "FR"},
				product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
				product.CertificateIssued{GTIN: gtin, CertificateNo: "TZ1", ValidFrom: "2026-01-01", ValidTo: "2026-12-31"},
				product.CertificateRevoked{GTIN: gtin, CertificateNo: "TZ1", Reason: "fraud"})
		}, importer, now, "certificate_lapses", 1, 1.33},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog()
			c.log(l)
			g := mustGrade(t, l.fold(t), c.who, c.now)
			f, ok := g.Factors[c.factor]
			if !ok {
				t.Fatalf("no factor %s in %v", c.factor, g.Factors)
			}
			if f.Value != c.value || f.Contribution != c.contribution {
				t.Errorf("%s = value %v contribution %v, want %v and %v (%+v)", c.factor, f.Value, f.Contribution, c.value, c.contribution, f)
			}
			var sum float64
			for _, f := range g.Factors {
				sum += f.Contribution
			}
			if want := math.Floor(sum*100+0.5) / 100; g.Score != want {
				t.Errorf("score %v, want the sum of the contributions %v", g.Score, want)
			}
		})
	}
}

// A certificate that expired counts as a lapse only at query time, and only
// while units of the GTIN are still in stock or in transit.
func TestCertificateExpiredInUse(t *testing.T) {
	base := func() *logOf {
		return newLog().add(product.Registered{GTIN: gtin, OwnerUSCC: importer, OriginCountry: "FR"},
			product.BarcodeNotified{GTIN: gtin, NotifierUSCC: importer},
			product.CertificateIssued{GTIN: gtin, CertificateNo: "TZ1", ValidFrom: "2026-01-01", ValidTo: "2026-06-30"},
			registered(gtin, "L1", importer, 5))
	}
	lastDay := time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		log  *logOf
		now  time.Time
		want int64
	}{
		{"on its last valid day", base(), lastDay, 0},
		{"the day after, with stock", base(), lastDay.Add(2 * time.Hour), 1},
		{"the day after, units in transit", base().add(shipped("L1", "s1", importer, retailer, 5)), lastDay.Add(2 * time.Hour), 1},
		{"the day after, everything sold", base().add(sold("L1", importer, 5)), lastDay.Add(2 * time.Hour), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := mustGrade(t, c.log.fold(t), importer, c.now)
			if got := g.Features.CertificatesExpiredInUse; got != c.want {
				t.Errorf("certificates expired in use = %d, want %d", got, c.want)
			}
			if got := g.Factors["certificate_lapses"].Value; got != float64(c.want) {
				t.Errorf("certificate_lapses = %v, want %d", got, c.want)
			}
		})
	}
}
