package httpapi

import (
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// Defaults and bounds of ?expiry_days=.
const (
	defaultExpiryDays = 30
	maxExpiryDays     = 3650
)

// RouteAlerts serves GET /api/v1/alerts: regulators and analysts see every
// alert, an enterprise the alerts about itself. ?expiry_days=N (default 30)
// is how far ahead stock counts as nearing expiry; ?as_of= the time the
// alerts are judged at (default now).
func (s *Server) RouteAlerts(q *query.Alerts) {
	s.HandleFunc("GET /api/v1/alerts", func(w http.ResponseWriter, r *http.Request) error {
		days := defaultExpiryDays
		if raw := r.URL.Query().Get("expiry_days"); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > maxExpiryDays {
				return domain.Invalid("expiry_days", "%q: want a whole number of days from 0 to %d", raw, maxExpiryDays)
			}
			days = n
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.AlertReport, error) { return q.Report(r.Context(), rd, now, days) })
	}, traceAccess)
}
