package risk_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/projections/risk"
)

// Each serious violation forces class 4 whatever the score; events that
// come close but do not qualify leave the grade to the score.
func TestSeriousViolations(t *testing.T) {
	now := t0.AddDate(0, 0, 1)
	declared := customs.Declared{DeclarationNo: "1", Port: "CNGZ", ImporterUSCC: importer}
	cases := []struct {
		name string
		log  func(l *logOf)
		who  string
		kind string // "" when no serious violation is expected
	}{
		{"selling a recalled batch", func(l *logOf) {
			l.add(registered(gtin, "L1", importer, 10), shipped("L1", "s1", importer, retailer, 10), received("L1", "s1", retailer, 10))
			l.recall("r1", 2, importer, "L1")
			l.add(sold("L1", retailer, 1))
		}, retailer, risk.ViolationSoldRecalled},
		{"selling before the recall is not", func(l *logOf) {
			l.add(registered(gtin, "L1", importer, 10), sold("L1", importer, 1))
			l.recall("r1", 2, importer, "L1")
		}, importer, ""},
		{"a smuggling rejection (Chinese)", func(l *logOf) {
			l.add(declared, customs.Rejected{DeclarationNo: "1", Reason: "涉嫌走私"})
		}, importer, risk.ViolationSmuggling},
		{"a smuggling rejection (English, any case)", func(l *logOf) {
			l.add(declared, customs.Rejected{DeclarationNo: "1", Reason: "Suspected SMUGGLING of goods"})
		}, importer, risk.ViolationSmuggling},
		{"another rejection is not", func(l *logOf) {
			l.add(declared, customs.Rejected{DeclarationNo: "1", Reason: "labels missing"})
		}, importer, ""},
		{"a customs fine above CNY 1,000,000", func(l *logOf) {
			l.add(enterprise.PenaltyImposed{USCC: importer, Authority: "广州海关", AmountCNY: 1_000_001, Reason: "x"})
		}, importer, risk.ViolationCustomsFine},
		{"a customs fine of exactly CNY 1,000,000 is not", func(l *logOf) {
			l.add(enterprise.PenaltyImposed{USCC: importer, Authority: "Guangzhou Customs", AmountCNY: 1_000_000, Reason: "x"})
		}, importer, ""},
		{"a large fine from another authority is not", func(l *logOf) {
			l.add(enterprise.PenaltyImposed{USCC: importer, Authority: "市场监督管理局", AmountCNY: 5_000_000, Reason: "x"})
		}, importer, ""},
		{"a level-1 recall of its batch", func(l *logOf) {
			l.add(registered(gtin, "L1", importer, 10))
			l.recall("r1", 1, "", "L1")
		}, importer, risk.ViolationLevel1Recall},
		{"a level-1 recall it initiated on another's batch is not", func(l *logOf) {
			l.add(registered(gtin, "L1", other, 10))
			l.recall("r1", 1, importer, "L1")
		}, importer, ""},
		{"a level-2 recall of its batch is not", func(l *logOf) {
			l.add(registered(gtin, "L1", importer, 10))
			l.recall("r1", 2, importer, "L1")
		}, importer, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog()
			c.log(l)
			g := mustGrade(t, l.fold(t), c.who, now)
			if c.kind == "" {
				if len(g.SeriousViolations) != 0 || g.Grade == 4 {
					t.Fatalf("grade %d with violations %+v, want none", g.Grade, g.SeriousViolations)
				}
				return
			}
			if g.Grade != 4 || !g.Blacklisted {
				t.Errorf("grade %d blacklisted %v at score %v, want 4 and blacklisted", g.Grade, g.Blacklisted, g.Score)
			}
			if len(g.SeriousViolations) != 1 || g.SeriousViolations[0].Kind != c.kind {
				t.Fatalf("violations %+v, want one %s", g.SeriousViolations, c.kind)
			}
			v := g.SeriousViolations[0]
			if v.Position == 0 || v.OccurredAt.IsZero() || v.Detail == "" {
				t.Errorf("violation %+v does not say where and when", v)
			}
			if g.Score > 60 {
				t.Errorf("score %v: the case should force 4 without the score", g.Score)
			}
		})
	}
}
