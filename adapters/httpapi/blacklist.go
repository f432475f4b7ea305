package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// blacklistJSON is a page of the enterprises listed now; historyJSON a page
// of every listing and de-listing, oldest first; targetsJSON a page of the
// inspection work list. Next is what to pass as ?after= for the following
// page, null on the last one.
type blacklistJSON struct {
	AsOf   time.Time               `json:"as_of"`
	Listed []query.BlacklistChange `json:"listed"`
	Next   *string                 `json:"next"`
}

type blacklistHistoryJSON struct {
	AsOf    time.Time               `json:"as_of"`
	Changes []query.BlacklistChange `json:"changes"`
	Next    *string                 `json:"next"`
}

type targetsJSON struct {
	AsOf    time.Time                `json:"as_of"`
	Targets []query.InspectionTarget `json:"targets"`
	Next    *string                  `json:"next"`
}

// RouteBlacklist serves the published blacklist to anyone (no token):
// who is in class 4 now and why, and the history of listings and
// de-listings with their ledger dates; and the regulators' inspection work
// list: every enterprise by class with its sampling rates.
func (s *Server) RouteBlacklist(q *query.Blacklists) {
	s.HandleFunc("GET /api/v1/public/blacklist", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		return answerJSON(w, r, q, func(rd query.Read) (blacklistJSON, error) {
			listed, _, err := q.Blacklist(r.Context(), rd, now)
			page, next := pageOf(listed, after, limit)
			return blacklistJSON{AsOf: now, Listed: page, Next: cursorOf(next)}, err
		})
	}, Public)
	s.HandleFunc("GET /api/v1/public/blacklist/history", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		return answerJSON(w, r, q, func(rd query.Read) (blacklistHistoryJSON, error) {
			_, history, err := q.Blacklist(r.Context(), rd, now)
			page, next := pageOf(history, after, limit)
			return blacklistHistoryJSON{AsOf: now, Changes: page, Next: cursorOf(next)}, err
		})
	}, Public)
	s.HandleFunc("GET /api/v1/inspections/targets", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		grade := 0
		if raw := r.URL.Query().Get("grade"); raw != "" {
			if grade, err = strconv.Atoi(raw); err != nil || grade < 1 || grade > 4 {
				return domain.Invalid("grade", "want_1_2_3_or", "%q: want 1, 2, 3 or 4", raw)
			}
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (targetsJSON, error) {
			all, err := q.Targets(r.Context(), rd, now)
			kept := []query.InspectionTarget{}
			for _, t := range all {
				if grade == 0 || t.Grade == grade {
					kept = append(kept, t)
				}
			}
			page, next := pageOf(kept, after, limit)
			return targetsJSON{AsOf: now, Targets: page, Next: cursorOf(next)}, err
		})
	}, Roles(access.Overseers...))
}

// pageOf is the page of items after the first `after` (an offset) of at
// most limit items, and the offset of the next page (nil on the last).
func pageOf[T any](items []T, after uint64, limit int) ([]T, *uint64) {
	if after > uint64(len(items)) {
		after = uint64(len(items))
	}
	end := min(int(after)+limit, len(items))
	page := append([]T{}, items[after:end]...)
	if end < len(items) {
		n := uint64(end)
		return page, &n
	}
	return page, nil
}
