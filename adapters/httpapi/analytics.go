package httpapi

import (
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/analytics"
)

// Bounds of ?limit= on the top-risks dashboard.
const (
	defaultTopRisks = 10
	maxTopRisks     = 1000
)

// RouteAnalytics serves the grade dashboards from the embedded credit grade
// model to regulators and analysts: the grade distribution (all four
// grades, always) and the riskiest enterprises (by grade, then score). Both
// take ?as_of= like the grade route. RouteAnalyticsFrom serves every
// dashboard from either engine; a server uses one or the other.
func (s *Server) RouteAnalytics(m RiskModel, rm ReadModels) {
	s.routeGradeDashboards(analytics.Embedded{Risk: m}, rm)
}

// routeGradeDashboards adds the grade distribution and the top risks.
func (s *Server) routeGradeDashboards(a Analytics, rm ReadModels) {
	access := Roles(access.RoleRegulator, access.RoleAnalyst)
	s.HandleFunc("GET /api/v1/analytics/grades", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		out, err := a.Grades(r.Context(), now)
		if err != nil {
			return s.analyticsFailed(r, err)
		}
		WriteJSON(w, http.StatusOK, out)
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
		out, err := a.TopRisks(r.Context(), now, limit)
		if err != nil {
			return s.analyticsFailed(r, err)
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
