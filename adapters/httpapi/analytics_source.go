package httpapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/analytics"
)

// Analytics answers the analysts' dashboards. Two engines implement it with
// the same answers: analytics.Embedded from the embedded read models, and
// adapters/clickhouse/analytics from ClickHouse when the server is given a
// DSN; each answer's Source says which. Errors are the engine's failures
// (a ClickHouse outage): the route answers them with 503.
type Analytics interface {
	Grades(ctx context.Context, asOf time.Time) (analytics.Grades, error)
	TopRisks(ctx context.Context, asOf time.Time, limit int) (analytics.TopRisks, error)
	RiskTrend(ctx context.Context, asOf time.Time) (analytics.RiskTrend, error)
	Rates(ctx context.Context, asOf time.Time, by analytics.RateKey) (analytics.Rates, error)
	Recalls(ctx context.Context, asOf time.Time) (analytics.Recalls, error)
}

var _ Analytics = analytics.Embedded{}

// RouteAnalyticsFrom serves every dashboard from a, to regulators and
// analysts: grades and top-risks (as RouteAnalytics does), risk-trend (risk
// events by month), rates?by=category|origin_country and recalls. Every
// route takes ?as_of= (RFC 3339 or YYYY-MM-DD; default now); rm is what
// ?min_position= waits for: the runner for the embedded engine, the sink
// for ClickHouse.
func (s *Server) RouteAnalyticsFrom(a Analytics, rm ReadModels) {
	s.routeGradeDashboards(a, rm)
	access := Roles(access.RoleRegulator, access.RoleAnalyst)
	s.HandleFunc("GET /api/v1/analytics/risk-trend", s.analyticsRoute(rm, func(r *http.Request, now time.Time) (any, error) {
		return a.RiskTrend(r.Context(), now)
	}), access)
	s.HandleFunc("GET /api/v1/analytics/rates", s.analyticsRoute(rm, func(r *http.Request, now time.Time) (any, error) {
		by, err := analytics.ParseRateKey(r.URL.Query().Get("by"))
		if err != nil {
			return nil, domain.Invalid("by", "%v", err)
		}
		return a.Rates(r.Context(), now, by)
	}), access)
	s.HandleFunc("GET /api/v1/analytics/recalls", s.analyticsRoute(rm, func(r *http.Request, now time.Time) (any, error) {
		return a.Recalls(r.Context(), now)
	}), access)
}

// analyticsRoute wraps a dashboard query: read-your-writes, ?as_of=, and
// the engine's failures as 503.
func (s *Server) analyticsRoute(rm ReadModels, query func(r *http.Request, now time.Time) (any, error)) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		out, err := query(r, now)
		if err != nil {
			if errors.Is(err, domain.ErrInvalid) {
				return err
			}
			return s.analyticsFailed(r, err)
		}
		WriteJSON(w, http.StatusOK, out)
		return nil
	}
}

// analyticsFailed logs an engine's failure and answers 503 without its
// details, which name hosts and tables.
func (s *Server) analyticsFailed(r *http.Request, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	s.logger.ErrorContext(r.Context(), "analytics query failed", "route", routeLabel(r.Pattern, ""), "err", err)
	return &requestError{status: http.StatusServiceUnavailable, code: "unavailable",
		message: "the analytics engine did not answer; retry later"}
}
