package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/risk"
)

// RiskModel is what the credit grade routes read: grades computed as of a
// time. *risk.Projection implements it.
type RiskModel interface {
	Grade(uscc string, now time.Time) (risk.Grade, bool)
	Distribution(now time.Time) []risk.GradeCount
	Top(now time.Time, n int) []risk.Grade
}

// Names answers an enterprise's registered name ("" when unknown). The
// directory projection implements it, so the grade shows the name the
// directory shows.
type Names interface {
	Name(uscc string) string
}

// RouteRisk serves an enterprise's credit grade with the factors that
// produced it, to regulators and analysts, and to an enterprise for its own
// USCC. ?as_of= (RFC 3339, or YYYY-MM-DD for 00:00 UTC of that day; default
// now) is the time the time-dependent factors are judged at.
func (s *Server) RouteRisk(m RiskModel, names Names, rm ReadModels) {
	s.HandleFunc("GET /api/v1/enterprises/{uscc}/risk", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		u, err := ident.ParseUSCC(r.PathValue("uscc"))
		if err != nil {
			return domain.Invalid("uscc", "%v", err)
		}
		if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise && a.USCC != u.String() {
			return domain.Forbidden("uscc", "an enterprise reads only its own grade")
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		g, ok := m.Grade(u.String(), now)
		if !ok {
			return domain.NotFound("uscc", "enterprise %s is not known to the ledger", u)
		}
		if names != nil {
			if n := names.Name(u.String()); n != "" {
				g.Name = n
			}
		}
		WriteJSON(w, http.StatusOK, g)
		return nil
	}, Roles(access.RoleRegulator, access.RoleAnalyst, access.RoleEnterprise))
}

// asOf reads ?as_of=: an RFC 3339 time, or a date meaning 00:00 UTC of that
// day; now when absent.
func asOf(r *http.Request) (time.Time, error) {
	raw := r.URL.Query().Get("as_of")
	if raw == "" {
		return time.Now().UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, raw); err == nil {
		return t, nil
	}
	return time.Time{}, domain.Invalid("as_of", "%q is not an RFC 3339 time or a YYYY-MM-DD date", raw)
}
