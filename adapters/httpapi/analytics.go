package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Bounds of ?limit= on the top-risks dashboard.
const (
	defaultTopRisks = 10
	maxTopRisks     = 1000
)

// RouteAnalytics serves the grade dashboards to regulators and analysts:
// the grade distribution (all four grades, always) and the riskiest
// enterprises (by grade, then score). Both take ?as_of= like the grade
// route. RouteAnalyticsFrom serves every dashboard; a server uses one or
// the other.
func (s *Server) RouteAnalytics(q *query.Dashboards) {
	s.routeGradeDashboards(q)
}

// routeGradeDashboards adds the grade distribution and the top risks.
func (s *Server) routeGradeDashboards(q *query.Dashboards) {
	overseers := Roles(access.Overseers...)
	s.HandleFunc("GET /api/v1/analytics/grades", s.analyticsRoute(q, func(r *http.Request, rd reading) (any, error) {
		now, err := dashboardAsOf(r)
		if err != nil {
			return nil, err
		}
		f, err := dashboardFilter(r, false)
		if err != nil {
			return nil, err
		}
		return q.Grades(r.Context(), rd.Read, now, f)
	}), overseers)
	s.HandleFunc("GET /api/v1/analytics/top-risks", s.analyticsRoute(q, func(r *http.Request, rd reading) (any, error) {
		limit, err := topLimit(r)
		if err != nil {
			return nil, err
		}
		now, err := dashboardAsOf(r)
		if err != nil {
			return nil, err
		}
		f, err := dashboardFilter(r, false)
		if err != nil {
			return nil, err
		}
		return q.TopRisks(r.Context(), rd.Read, now, limit, f)
	}), overseers)
}

// topLimit reads ?limit=: 1 to maxTopRisks, default defaultTopRisks.
func topLimit(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("limit")
	if raw == "" {
		return defaultTopRisks, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxTopRisks {
		return 0, domain.Invalid("limit", "want_whole_number_from_1", "%q: want a whole number from 1 to %d", raw, maxTopRisks)
	}
	return n, nil
}

// dashboardClock is how coarse the dashboards' "now" is: without ?as_of=
// they answer as of the start of the current second, an instant the answer
// names (as_of) and is exact for, so that the questions asked within one
// second and one log position are answered once (query.CachedAnalytics).
const dashboardClock = time.Second

// dashboardAsOf is ?as_of= as asOf reads it, exactly when given; without
// it, now truncated to dashboardClock.
func dashboardAsOf(r *http.Request) (time.Time, error) {
	if r.URL.Query().Get("as_of") == "" {
		return time.Now().UTC().Truncate(dashboardClock), nil
	}
	return asOf(r)
}
