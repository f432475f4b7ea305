package analytics

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/app/query"
	answers "github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// Source answers the dashboards from ClickHouse: the tables the sink fills
// (events and Tables) in conn's database. It implements query.Analytics
// with app/query's dashboard answers, Source "clickhouse".
type Source struct {
	conn *clickhouse.Conn
	cfg  risk.Config
}

// NewSource reads conn's database with grading configuration cfg (the
// embedded model's, risk.Embedded(), so both engines grade alike).
func NewSource(conn *clickhouse.Conn, cfg risk.Config) *Source { return &Source{conn: conn, cfg: cfg} }

// GradeAll grades every known enterprise as of now, riskiest first.
func (s *Source) GradeAll(ctx context.Context, now time.Time) ([]query.Grade, error) {
	return s.grades(ctx, now, 0, nil)
}

// Grades is the grade distribution as of asOf: all four grades listed.
func (s *Source) Grades(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.GradeDistribution, error) {
	if f.Scoped() {
		set, err := s.Enterprises(ctx, f)
		if err != nil {
			return query.GradeDistribution{}, err
		}
		gs, err := s.grades(ctx, asOf, 0, set)
		if err != nil {
			return query.GradeDistribution{}, err
		}
		return query.GradeDistribution{Source: query.SourceClickHouse, AsOf: asOf, Grades: answers.Distribution(gs)}, nil
	}
	q, err := GradeSQL(s.cfg, asOf)
	if err != nil {
		return query.GradeDistribution{}, err
	}
	rows, err := s.conn.Query(ctx, "SELECT grade, count() FROM ("+q+") GROUP BY grade")
	if err != nil {
		return query.GradeDistribution{}, fmt.Errorf("clickhouse grade distribution: %w", err)
	}
	defer rows.Close()
	out := query.GradeDistribution{Source: query.SourceClickHouse, AsOf: asOf,
		Grades: []query.GradeCount{{Grade: 1}, {Grade: 2}, {Grade: 3}, {Grade: 4}}}
	for rows.Next() {
		var g uint8
		var n uint64
		if err := rows.Scan(&g, &n); err != nil {
			return query.GradeDistribution{}, fmt.Errorf("clickhouse grade distribution: %w", err)
		}
		if g >= 1 && g <= 4 {
			out.Grades[g-1].Enterprises = int(n)
		}
	}
	return out, rows.Err()
}

// TopRisks are the limit riskiest enterprises as of asOf, with factors.
func (s *Source) TopRisks(ctx context.Context, asOf time.Time, limit int, f query.DashboardFilter) (query.TopRisks, error) {
	set, err := s.Enterprises(ctx, f)
	if err != nil {
		return query.TopRisks{}, err
	}
	gs, err := s.grades(ctx, asOf, max(limit, 1), set)
	if err != nil {
		return query.TopRisks{}, err
	}
	out := query.TopRisks{Source: query.SourceClickHouse, AsOf: asOf, Enterprises: []query.TopRisk{}}
	for _, g := range gs {
		out.Enterprises = append(out.Enterprises, answers.TopRiskOf(g))
	}
	return out, nil
}
