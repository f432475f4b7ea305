package httpapi

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// Defaults and bounds of ?expiry_days=.
const (
	defaultExpiryDays = 30
	maxExpiryDays     = 3650
)

// alertsJSON is a page of the alerts: Total counts those the filters keep,
// Next is what to pass as ?after= for the following page (null on the
// last): an offset in the report's own order, or with ?sort= the
// directories' opaque cursor.
type alertsJSON struct {
	AsOf   time.Time     `json:"as_of"`
	Alerts []query.Alert `json:"alerts"`
	Total  int           `json:"total"`
	Next   *string       `json:"next"`
}

// Bounds of the alert filters.
const (
	maxAlertFilters = 16
	maxAlertKindLen = 40
)

// RouteAlerts serves GET /api/v1/alerts: regulators and analysts see every
// alert, an enterprise the alerts about itself. ?expiry_days=N (default 30)
// is how far ahead stock counts as nearing expiry; ?as_of= the time the
// alerts are judged at (default now); ?kind= and ?severity= (repeated or
// comma-separated) keep those; ?region=, ?category= and ?origin= keep the
// alerts about the enterprises the dashboard's filters keep
// (query.DashboardFilter), ?enterprise= those about one enterprise;
// ?after=&limit= page them (without limit, every alert in one answer);
// ?sort= (severity, kind, due, enterprise, "-" first for descending)
// sorts them and pages by the directories' opaque cursor;
// ?format=csv|xlsx&lang=zh|en answers the page as a file (writePanel).
func (s *Server) RouteAlerts(q *query.Alerts) {
	s.HandleFunc("GET /api/v1/alerts", func(w http.ResponseWriter, r *http.Request) error {
		days := defaultExpiryDays
		if raw := r.URL.Query().Get("expiry_days"); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > maxExpiryDays {
				return domain.Invalid("expiry_days", "want_whole_number_days_from", "%q: want a whole number of days from 0 to %d", raw, maxExpiryDays)
			}
			days = n
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		kinds, severities, err := alertFilters(r)
		if err != nil {
			return err
		}
		f, err := dashboardFilter(r, false)
		if err != nil {
			return err
		}
		var only query.AlertFilter
		if only.Enterprise, err = usccParam(r.URL.Query(), "enterprise"); err != nil {
			return err
		}
		format, lang, err := exportFormat(r)
		if err != nil {
			return err
		}
		// next is null on the last page: an offset in the report's own
		// order, or with ?sort= the directories' opaque cursor.
		var page func(rep query.AlertReport) ([]query.Alert, *string, error)
		if r.URL.Query().Get("sort") != "" {
			pg, err := directoryPage(r.URL.Query())
			if err != nil {
				return err
			}
			page = func(rep query.AlertReport) ([]query.Alert, *string, error) {
				p, next, err := query.SortedPage(rep, pg)
				if next == "" {
					return p, nil, err
				}
				return p, &next, err
			}
		} else {
			after, limit, err := alertPage(r)
			if err != nil {
				return err
			}
			page = func(rep query.AlertReport) ([]query.Alert, *string, error) {
				p, next := pageOf(rep.Alerts, after, limit)
				return p, cursorOf(next), nil
			}
		}
		ask := func(rd query.Read) (alertsJSON, error) {
			rep, err := q.Report(r.Context(), rd, now, days, f)
			if err != nil {
				return alertsJSON{}, err
			}
			rep = q.Filter(rep.Only(kinds, severities), only)
			alerts, next, err := page(rep)
			return alertsJSON{AsOf: rep.AsOf, Alerts: alerts, Total: len(rep.Alerts), Next: next}, err
		}
		if format == "" {
			return answerJSON(w, r, q, ask)
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		out, err := ask(rd.Read)
		if err = rd.answered(w, q, err); err != nil {
			return err
		}
		return writePanel(w, r, out, format, lang, time.Now())
	}, traceAccess)
}

// alertFilters reads ?kind= and ?severity=, each repeated or
// comma-separated.
func alertFilters(r *http.Request) (kinds, severities []string, err error) {
	v := r.URL.Query()
	split := func(field string) ([]string, error) {
		var out []string
		for _, raw := range v[field] {
			for _, x := range strings.Split(raw, ",") {
				if x = strings.TrimSpace(x); x != "" {
					out = append(out, x)
				}
			}
		}
		if len(out) > maxAlertFilters {
			return nil, domain.Invalid(field, "names_values_at_most", "names %d values, at most %d", len(out), maxAlertFilters)
		}
		return out, nil
	}
	if kinds, err = split("kind"); err != nil {
		return nil, nil, err
	}
	for _, k := range kinds {
		if len(k) > maxAlertKindLen || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz_") != "" {
			return nil, nil, domain.Invalid("kind", "not_alert_kind", "%q is not an alert kind", k)
		}
	}
	if severities, err = split("severity"); err != nil {
		return nil, nil, err
	}
	for _, sv := range severities {
		if sv != "high" && sv != "medium" && sv != "low" {
			return nil, nil, domain.Invalid("severity", "want_high_medium_or_low", "%q: want high, medium or low", sv)
		}
	}
	return kinds, severities, nil
}

// alertPage reads ?after=OFFSET&limit=N; without limit the page is every
// alert.
func alertPage(r *http.Request) (after uint64, limit int, err error) {
	if r.URL.Query().Get("limit") == "" {
		after, err = uintParam(r.URL.Query().Get("after"), 0)
		if err != nil {
			return 0, 0, badRequest("after", "bad_cursor", badCursor)
		}
		return after, math.MaxInt32, nil
	}
	return pageParams(r)
}
