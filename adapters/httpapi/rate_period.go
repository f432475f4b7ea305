package httpapi

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// ratePeriod reads ?from= and ?to= (YYYY-MM-DD, UTC days, both inclusive;
// either may be left out) of the rates by region or operator.
func ratePeriod(r *http.Request) (query.RatePeriod, error) {
	var p query.RatePeriod
	for _, b := range []struct {
		name string
		into *time.Time
	}{{"from", &p.From}, {"to", &p.To}} {
		raw := r.URL.Query().Get(b.name)
		if raw == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, raw)
		if err != nil {
			return query.RatePeriod{}, domain.Invalid(b.name, "%q is not a YYYY-MM-DD date", raw)
		}
		*b.into = t
	}
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return query.RatePeriod{}, domain.Invalid("to", "is before from")
	}
	return p, nil
}

// maxRateRegion bounds ?region= of the ranked rates, in characters.
const maxRateRegion = 64

// rateRegion reads ?region=, trimmed: the region whose operators a ranked
// rates answer keeps ("" for every region).
func rateRegion(r *http.Request) (string, error) {
	region := strings.TrimSpace(r.URL.Query().Get("region"))
	if utf8.RuneCountInString(region) > maxRateRegion || !utf8.ValidString(region) {
		return "", domain.Invalid("region", "is longer than %d characters or not UTF-8", maxRateRegion)
	}
	return region, nil
}
