package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/command"
	"github.com/traceledger/traceledger/projections/risk"
)

// analyticsSource says which engine answered: the embedded read models here;
// the ClickHouse sink answers "clickhouse" when configured.
const analyticsSource = "embedded"

// Bounds of ?limit= on the top-risks dashboard.
const (
	defaultTopRisks = 10
	maxTopRisks     = 1000
)

// gradesAnswer is the grade distribution dashboard.
type gradesAnswer struct {
	Source string            `json:"source"`
	AsOf   time.Time         `json:"as_of"`
	Grades []risk.GradeCount `json:"grades"`
}

// topRisk is one enterprise of the top-risks dashboard.
type topRisk struct {
	USCC        string                 `json:"uscc"`
	Name        string                 `json:"name"`
	Grade       int                    `json:"grade"`
	Blacklisted bool                   `json:"blacklisted"`
	Score       float64                `json:"score"`
	Factors     map[string]risk.Factor `json:"factors"`
}

type topRisksAnswer struct {
	Source      string    `json:"source"`
	AsOf        time.Time `json:"as_of"`
	Enterprises []topRisk `json:"enterprises"`
}

// RouteAnalytics serves the risk dashboards from the embedded read models to
// regulators and analysts: the grade distribution (all four grades, always)
// and the riskiest enterprises (by grade, then score). Both take ?as_of=
// like the grade route.
func (s *Server) RouteAnalytics(m RiskModel, rm ReadModels) {
	access := Roles(command.RoleRegulator, command.RoleAnalyst)
	s.HandleFunc("GET /api/v1/analytics/grades", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, gradesAnswer{Source: analyticsSource, AsOf: now, Grades: m.Distribution(now)})
		return nil
	}, access)
	s.HandleFunc("GET /api/v1/analytics/top-risks", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		limit, err := topLimit(r)
		if err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		out := topRisksAnswer{Source: analyticsSource, AsOf: now, Enterprises: []topRisk{}}
		for _, g := range m.Top(now, limit) {
			out.Enterprises = append(out.Enterprises, topRisk{USCC: g.USCC, Name: g.Name, Grade: g.Grade,
				Blacklisted: g.Blacklisted, Score: g.Score, Factors: g.Factors})
		}
		WriteJSON(w, http.StatusOK, out)
		return nil
	}, access)
}

// topLimit reads ?limit=: 1 to maxTopRisks, default defaultTopRisks.
func topLimit(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("limit")
	if raw == "" {
		return defaultTopRisks, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxTopRisks {
		return 0, domain.Invalid("limit", "%q: want a whole number from 1 to %d", raw, maxTopRisks)
	}
	return n, nil
}
