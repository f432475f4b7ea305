package httpapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Analytics answers the analysts' dashboards: analytics.Embedded from the
// embedded read models, or adapters/clickhouse/analytics from ClickHouse.
// An engine's errors (a ClickHouse outage) are answered with 503.
type Analytics = query.Analytics

// RouteAnalyticsFrom serves every dashboard of q, to regulators and
// analysts: grades and top-risks (as RouteAnalytics does), risk-trend (risk
// events by month), rates?by=category|origin_country|region|operator (the last two ranked
// worst first, paged, over ?from=&to=, kept to the operators of ?region=) and recalls. Every
// route takes ?as_of= (RFC 3339 or YYYY-MM-DD; default now), the dashboard's filters
// (dashboardFilter) and ?format=csv|xlsx (writePanel).
func (s *Server) RouteAnalyticsFrom(q *query.Dashboards) {
	s.routeGradeDashboards(q)
	overseers := Roles(access.Overseers...)
	s.HandleFunc("GET /api/v1/analytics/risk-trend", s.analyticsRoute(q, func(r *http.Request, rd reading) (any, error) {
		now, err := dashboardAsOf(r)
		if err != nil {
			return nil, err
		}
		f, err := dashboardFilter(r, true)
		if err != nil {
			return nil, err
		}
		return q.RiskTrend(r.Context(), rd.Read, now, f)
	}), overseers)
	s.HandleFunc("GET /api/v1/analytics/rates", s.analyticsRoute(q, func(r *http.Request, rd reading) (any, error) {
		now, err := dashboardAsOf(r)
		if err != nil {
			return nil, err
		}
		by, err := query.ParseRateKey(r.URL.Query().Get("by"))
		if err != nil {
			return nil, domain.InvalidValue("by", err)
		}
		if by.Ranked() {
			period, err := ratePeriod(r)
			if err != nil {
				return nil, err
			}
			after, limit, err := pageParams(r)
			if err != nil {
				return nil, err
			}
			f, err := dashboardFilter(r, false)
			if err != nil {
				return nil, err
			}
			return q.RankedRates(r.Context(), rd.Read, now, by, period,
				query.RatePage{After: after, Limit: limit, Region: f.Region, Category: f.Category, Origin: f.Origin})
		}
		f, err := dashboardFilter(r, false)
		if err != nil {
			return nil, err
		}
		return q.Rates(r.Context(), rd.Read, now, by, f)
	}), overseers)
	s.HandleFunc("GET /api/v1/analytics/recalls", s.analyticsRoute(q, func(r *http.Request, rd reading) (any, error) {
		now, err := dashboardAsOf(r)
		if err != nil {
			return nil, err
		}
		f, err := dashboardFilter(r, true)
		if err != nil {
			return nil, err
		}
		return q.Recalls(r.Context(), rd.Read, now, f)
	}), overseers)
}

// analyticsRoute wraps a dashboard query: the request's read (400 for a
// malformed min_position), ?format=csv|xlsx (the panel's table,
// writePanel), read models that lag (503 naming the
// position's parameter), malformed parameters (400) and the engine's
// failures (503, logged).
func (s *Server) analyticsRoute(q *query.Dashboards, ask func(r *http.Request, rd reading) (any, error)) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		format, lang, err := exportFormat(r)
		if err != nil {
			return err
		}
		out, err := ask(r, rd)
		if err = rd.answered(w, q, err); err != nil {
			if errors.Is(err, domain.ErrInvalid) || isRequestError(err) {
				return err
			}
			return s.analyticsFailed(r, err)
		}
		if format != "" {
			return writePanel(w, r, out, format, lang, time.Now())
		}
		if rates, ok := out.(query.Rates); ok {
			out = ratesJSON{Rates: rates, Next: cursorOf(rates.Next)}
		}
		WriteJSON(w, http.StatusOK, out)
		return nil
	}
}

// ratesJSON answers query.Rates with its next as the API's cursor string.
type ratesJSON struct {
	query.Rates
	Next *string `json:"next"`
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
