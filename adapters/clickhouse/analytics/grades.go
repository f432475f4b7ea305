package analytics

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// Grades grades every known enterprise in set (nil: every one) as of now
// in ClickHouse, ordered by grade and score (both descending), then USCC,
// at most limit of them (0: all). Each grade has its factors, features,
// serious violations and the registered name, as projections/risk answers
// them. A set is kept in Go: it may hold more USCCs than a query's IN list
// should.
func (s *Source) grades(ctx context.Context, now time.Time, limit int, set query.EnterpriseSet) ([]query.Grade, error) {
	q, err := GradeSQL(s.cfg, now)
	if err != nil {
		return nil, err
	}
	q += "\nORDER BY grade DESC, score DESC, uscc"
	if limit > 0 && set == nil {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.conn.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("clickhouse grade query: %w", err)
	}
	defer rows.Close()
	var out []query.Grade
	for rows.Next() {
		g, err := s.scanGrade(rows.Scan, now)
		if err != nil {
			return nil, err
		}
		if set.Has(g.USCC) && (limit <= 0 || len(out) < limit) {
			out = append(out, g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clickhouse grade rows: %w", err)
	}
	return out, s.decorate(ctx, out)
}

// scanGrade reads one row of GradeSQL.
func (s *Source) scanGrade(scan func(dest ...any) error, now time.Time) (query.Grade, error) {
	g := query.Grade{AsOf: now.UTC(), Factors: map[string]query.GradeFactor{}, SeriousViolations: []query.SeriousViolation{}}
	f := &g.Features
	var serious int64
	var grade uint8
	dest := []any{&g.USCC, &f.UnitsSold, &f.ComplaintsResolved, &f.ComplaintsSubstantiated, &f.MarketInspections,
		&f.MarketInspectionsFailed, &f.Declarations, &f.CustomsInspectionsFailed, &f.CustomsRejections,
		&f.RecallsLevel1, &f.RecallsLevel2, &f.RecallsLevel3, &f.RecallDeadlinesMissed, &f.Penalties,
		&f.PenaltyAmountCNY, &f.CertificatesRejected, &f.CertificatesRevoked, &f.CertificatesExpiredInUse,
		&f.UncertifiedSales, &f.ExpiredSales, &serious}
	factors := make([]query.GradeFactor, len(s.cfg.Factors))
	for i := range factors {
		factors[i].Weight = s.cfg.Factors[i].Weight
		dest = append(dest, &factors[i].Value, &factors[i].Normalized, &factors[i].Contribution)
	}
	dest = append(dest, &g.Score, &grade)
	if err := scan(dest...); err != nil {
		return query.Grade{}, fmt.Errorf("clickhouse grade row: %w", err)
	}
	for i, spec := range s.cfg.Factors {
		g.Factors[spec.Name] = factors[i]
	}
	g.Grade, g.Blacklisted = int(grade), grade == 4
	return g, nil
}

// decorate adds the registered names and the serious violations of the
// graded enterprises.
func (s *Source) decorate(ctx context.Context, gs []query.Grade) error {
	if len(gs) == 0 {
		return nil
	}
	usccs := make([]string, len(gs))
	for i, g := range gs {
		usccs[i] = g.USCC
	}
	names, err := s.names(ctx, usccs)
	if err != nil {
		return err
	}
	vs, err := s.violations(ctx, usccs, gs[0].AsOf)
	if err != nil {
		return err
	}
	for i := range gs {
		gs[i].Name = names[gs[i].USCC]
		if v := vs[gs[i].USCC]; v != nil {
			gs[i].SeriousViolations = v
		}
	}
	return nil
}

// names are the enterprises' registered names (the latest registration),
// decoded from the event's JSON in Go: visitParamExtractString keeps
// \uXXXX escapes on 18.16.
func (s *Source) names(ctx context.Context, usccs []string) (map[string]string, error) {
	rows, err := s.conn.Query(ctx, `SELECT argMax(data, position) FROM {db}.events
WHERE type = 'enterprise.registered.v1'`+inList("visitParamExtractString(data, 'uscc')", usccs)+`
GROUP BY visitParamExtractString(data, 'uscc')`)
	if err != nil {
		return nil, fmt.Errorf("clickhouse enterprise names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("clickhouse enterprise name: %w", err)
		}
		var e struct{ USCC, Name string }
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return nil, fmt.Errorf("clickhouse enterprise name: %w", err)
		}
		out[e.USCC] = e.Name
	}
	return out, rows.Err()
}

// violations are the serious violations of the enterprises, in log order.
func (s *Source) violations(ctx context.Context, usccs []string, now time.Time) (map[string][]query.SeriousViolation, error) {
	rows, err := s.conn.Query(ctx, `SELECT uscc, kind, position, occurred_at, detail FROM (`+violationsSQL(s.cfg, strconv.FormatInt(unixNano(now), 10))+`)
WHERE 1`+inList("uscc", usccs)+` ORDER BY position, kind, uscc`)
	if err != nil {
		return nil, fmt.Errorf("clickhouse serious violations: %w", err)
	}
	defer rows.Close()
	out := map[string][]query.SeriousViolation{}
	for rows.Next() {
		var u string
		var v query.SeriousViolation
		if err := rows.Scan(&u, &v.Kind, &v.Position, &v.OccurredAt, &v.Detail); err != nil {
			return nil, fmt.Errorf("clickhouse serious violation: %w", err)
		}
		v.OccurredAt = v.OccurredAt.UTC()
		out[u] = append(out[u], v)
	}
	return out, rows.Err()
}

// inList is " AND col IN (...)" for up to a thousand values (the top-risks
// bound), else nothing: a longer list would outgrow ClickHouse's default
// max_query_size, and filtering the answer is the caller's.
func inList(col string, values []string) string {
	if len(values) > 1000 {
		return ""
	}
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	return " AND " + col + " IN (" + strings.Join(q, ", ") + ")"
}
