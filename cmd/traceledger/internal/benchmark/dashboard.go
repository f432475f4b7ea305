package benchmark

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// PartDashboard measures the grade dashboard's answer with and without the
// per-position cache serve keeps.
const PartDashboard = "dashboard"

// Size of the dashboard figure: enterprises graded, questions timed.
const (
	benchDashboardEnterprises = 10_000
	benchDashboardRounds      = 200
)

// atPosition is read models that have reached pos.
type atPosition uint64

func (p atPosition) WaitFor(context.Context, uint64) error { return nil }
func (p atPosition) Position() uint64                      { return uint64(p) }

// benchDashboard grades benchDashboardEnterprises registered enterprises
// in the risk model serve runs and times the grade distribution as the
// grades route asks for it (query.Dashboards.Grades as of the current
// second, its answer encoded as JSON), at one log position:
//
//   - analytics_grades_{n}_enterprises_p50_ms: through the cache serve
//     uses (query.CachedAnalytics), beside the same question asked of the
//     engine each time (uncached_p50_ms); the ratio is cached/uncached.
func benchDashboard(ctx context.Context, out func(Figure)) error {
	n := benchDashboardEnterprises
	model := risk.New()
	at := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	envs := make([]runner.Envelope, 0, n)
	for i := range n {
		u, err := ident.NewUSCC(fmt.Sprintf("91440101M%08d", i))
		if err != nil {
			return fmt.Errorf("dashboard bench: %w", err)
		}
		e := enterprise.Registered{USCC: u.String(), Name: fmt.Sprintf("Enterprise %d", i), Region: "440100", Roles: []string{"retailer"}}
		envs = append(envs, runner.Envelope{
			Record: event.Record{Position: uint64(i + 1), Type: e.EventType(), Metadata: event.Metadata{OccurredAt: at, RecordedAt: at}},
			Event:  e,
		})
	}
	if err := model.Apply(envs); err != nil {
		return fmt.Errorf("dashboard bench: grading: %w", err)
	}
	progress := atPosition(n)
	engine := analytics.Embedded{Risk: model}
	uncached, err := gradesP50(ctx, query.NewDashboards(engine, progress))
	if err != nil {
		return err
	}
	cached, err := gradesP50(ctx, query.NewDashboards(query.NewCachedAnalytics(engine, progress, 0), progress))
	if err != nil {
		return err
	}
	out(newFigure(fmt.Sprintf("analytics_grades_%d_enterprises_p50_ms", n), ms(cached), "ms", "uncached_p50_ms", ms(uncached)))
	return nil
}

// gradesP50 is the median time of benchDashboardRounds grade distributions
// asked of q by an analyst as the route asks (as of the current second),
// each encoded as JSON.
func gradesP50(ctx context.Context, q *query.Dashboards) (time.Duration, error) {
	rd := query.Read{Actor: access.Actor{Role: access.RoleAnalyst}, MinPosition: 1}
	took := make([]time.Duration, 0, benchDashboardRounds)
	for range benchDashboardRounds {
		start := time.Now()
		g, err := q.Grades(ctx, rd, time.Now().UTC().Truncate(time.Second), query.DashboardFilter{})
		if err != nil {
			return 0, fmt.Errorf("dashboard bench: %w", err)
		}
		if _, err := json.Marshal(g); err != nil {
			return 0, err
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	return took[len(took)/2], nil
}
