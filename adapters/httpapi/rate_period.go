package httpapi

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// ratePeriod reads ?from= and ?to= (YYYY-MM-DD, days in China as every
// day filter of the API means them, query.DayBound; both inclusive;
// either may be left out) of the dashboards.
func ratePeriod(r *http.Request) (query.RatePeriod, error) {
	var p query.RatePeriod
	for _, b := range []struct {
		name string
		end  bool
	}{{"from", false}, {"to", true}} {
		raw := r.URL.Query().Get(b.name)
		if raw == "" {
			continue
		}
		if len(raw) != len(dayLayout) {
			return query.RatePeriod{}, domain.Invalid(b.name, "not_yyyy_mm_dd_date", "%q is not a YYYY-MM-DD date", truncate(raw))
		}
		t, err := query.DayBound(raw, b.end)
		if err != nil {
			return query.RatePeriod{}, domain.Invalid(b.name, "not_yyyy_mm_dd_date", "%q is not a YYYY-MM-DD date", raw)
		}
		if b.end {
			p.To = t
		} else {
			p.From = t
		}
	}
	if !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To) {
		return query.RatePeriod{}, domain.Invalid("to", "before_from", "is before from")
	}
	return p, nil
}

const dayLayout = "2006-01-02"

// truncate shortens an echoed parameter.
func truncate(s string) string {
	if len(s) > 16 {
		return s[:16] + "…"
	}
	return s
}

// maxRateRegion bounds ?region= of the dashboards, in characters.
const maxRateRegion = 64

// rateRegion reads ?region=, trimmed: the region whose operators a ranked
// rates answer keeps ("" for every region).
func rateRegion(r *http.Request) (string, error) {
	return boundedText(r, "region", maxRateRegion)
}

// Bounds of the dashboards' ?category= (a catalogue code or name) and
// ?origin= (an ISO 3166 country code), in characters.
const (
	maxDashCategory = 64
	maxDashOrigin   = 8
)

// boundedText reads a text parameter, trimmed, of at most max characters.
func boundedText(r *http.Request, name string, max int) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if utf8.RuneCountInString(v) > max || !utf8.ValidString(v) {
		return "", domain.Invalid(name, "longer_than_characters_or_not", "is longer than %d characters or not UTF-8", max)
	}
	return v, nil
}

// dashboardFilter reads the dashboard's filters: ?region=, ?category=,
// ?origin= and, with period, ?from= and ?to= (ratePeriod).
func dashboardFilter(r *http.Request, period bool) (query.DashboardFilter, error) {
	var f query.DashboardFilter
	var err error
	if f.Region, err = rateRegion(r); err != nil {
		return f, err
	}
	if f.Category, err = boundedText(r, "category", maxDashCategory); err != nil {
		return f, err
	}
	if f.Origin, err = boundedText(r, "origin", maxDashOrigin); err != nil {
		return f, err
	}
	if period {
		if f.Period, err = ratePeriod(r); err != nil {
			return f, err
		}
	}
	return f, nil
}
