package analytics_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// TestClickHouseAgainstEmbedded is the check on the demo data set
// (2,000 items, seed 1), through the command handlers into SQLite, folded
// by projections/risk and streamed by the sink into a private ClickHouse:
// both engines grade every enterprise alike, and the dashboards' routes
// answer the same JSON from both; the dashboards' panels and the recipes
// of docs/analytics.md run on the server.
func TestClickHouseAgainstEmbedded(t *testing.T) {
	f := newFixture(t)
	t.Run("grades", func(t *testing.T) { testGrades(t, f) })
	t.Run("api", func(t *testing.T) { testAPI(t, f) })
	t.Run("dashboards", func(t *testing.T) { testDashboards(t, f) })
	t.Run("recipes", func(t *testing.T) { testRecipes(t, f) })
}

// testGrades compares every enterprise's grade at several as-of times:
// grade, score, blacklisting, every factor's value, normalised value,
// weight and contribution, every feature, the registered name and the
// serious violations, and the order of the list (grade, score, USCC).
// Floats compare exactly: both sides do the same IEEE-754 operations in the
// same order and round with floor(x×100 + 0.5)/100.
func testGrades(t *testing.T, f *fixture) {
	for _, at := range asOfs() {
		t.Run(at.Format(time.RFC3339), func(t *testing.T) {
			want := f.risk.Top(at, 1<<30)
			got, err := f.source.GradeAll(t.Context(), at)
			if err != nil {
				t.Fatalf("GradeAll: %v", err)
			}
			if len(got) != len(want) {
				t.Fatalf("ClickHouse grades %d enterprises, embedded %d", len(got), len(want))
			}
			var interesting int
			var total query.GradeFeatures
			kinds := map[string]int{}
			for i := range want {
				addFeatures(&total, want[i].Features)
				for _, v := range want[i].SeriousViolations {
					kinds[v.Kind]++
				}
				if err := sameGrade(got[i], want[i]); err != nil {
					t.Errorf("#%d: %v", i, err)
				}
				if want[i].Score > 0 || len(want[i].SeriousViolations) > 0 {
					interesting++
				}
			}
			if interesting < 10 {
				t.Errorf("only %d enterprises have a score or a violation: the data set tests little", interesting)
			}
			t.Logf("%d enterprises, %d with findings; riskiest %s grade %d score %.2f; features %+v; violations %v", len(want), interesting,
				want[0].USCC, want[0].Grade, want[0].Score, total, kinds)
		})
	}
}

// sameGrade compares two grades. Violation times compare to the second:
// the events table keeps occurred_at as a DateTime.
func sameGrade(got, want query.Grade) error {
	if got.USCC != want.USCC || got.Name != want.Name || got.Grade != want.Grade || got.Blacklisted != want.Blacklisted ||
		got.Score != want.Score || !got.AsOf.Equal(want.AsOf) {
		return fmt.Errorf("got %s %q grade %d score %v blacklisted %v as of %v; want %s %q grade %d score %v blacklisted %v as of %v",
			got.USCC, got.Name, got.Grade, got.Score, got.Blacklisted, got.AsOf, want.USCC, want.Name, want.Grade, want.Score, want.Blacklisted, want.AsOf)
	}
	if got.Features != want.Features {
		return fmt.Errorf("%s features:\n got %+v\nwant %+v", want.USCC, got.Features, want.Features)
	}
	if len(got.Factors) != len(want.Factors) {
		return fmt.Errorf("%s: %d factors, want %d", want.USCC, len(got.Factors), len(want.Factors))
	}
	for name, w := range want.Factors {
		if g, ok := got.Factors[name]; !ok || g != w {
			return fmt.Errorf("%s factor %s: got %+v, want %+v", want.USCC, name, g, w)
		}
	}
	if len(got.SeriousViolations) != len(want.SeriousViolations) {
		return fmt.Errorf("%s: %d serious violations %+v, want %d %+v", want.USCC, len(got.SeriousViolations), got.SeriousViolations,
			len(want.SeriousViolations), want.SeriousViolations)
	}
	for i, w := range want.SeriousViolations {
		g := got.SeriousViolations[i]
		if g.Kind != w.Kind || g.Position != w.Position || g.Detail != w.Detail || !g.OccurredAt.Equal(w.OccurredAt.Truncate(time.Second)) {
			return fmt.Errorf("%s violation %d: got %+v, want %+v", want.USCC, i, g, w)
		}
	}
	return nil
}

func addFeatures(t *query.GradeFeatures, f query.GradeFeatures) {
	t.UnitsSold += f.UnitsSold
	t.ComplaintsSubstantiated += f.ComplaintsSubstantiated
	t.MarketInspectionsFailed += f.MarketInspectionsFailed
	t.CustomsInspectionsFailed += f.CustomsInspectionsFailed
	t.CustomsRejections += f.CustomsRejections
	t.RecallsLevel1 += f.RecallsLevel1
	t.RecallsLevel2 += f.RecallsLevel2
	t.RecallsLevel3 += f.RecallsLevel3
	t.RecallDeadlinesMissed += f.RecallDeadlinesMissed
	t.Penalties += f.Penalties
	t.CertificatesRejected += f.CertificatesRejected
	t.CertificatesRevoked += f.CertificatesRevoked
	t.CertificatesExpiredInUse += f.CertificatesExpiredInUse
}
