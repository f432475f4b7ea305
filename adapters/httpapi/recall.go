package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/recalllist"
)

// RecallModel answers recall lists as of a time; *recalllist.Projection
// implements it.
type RecallModel interface {
	Get(id string, now time.Time, dir recalllist.Directory) (recalllist.List, error)
	All(now time.Time, dir recalllist.Directory) []recalllist.List
}

// Directory gives an enterprise's name and contact, for recall lists; the
// directory model implements it.
type Directory interface {
	Enterprise(uscc string) (name, contact string, ok bool)
}

// recallSummary is one recall in GET /api/v1/recalls.
type recallSummary struct {
	RecallID    string              `json:"recall_id"`
	Level       int                 `json:"level"`
	Status      string              `json:"status"`
	OverdueBy   string              `json:"overdue_by,omitempty"`
	Reason      string              `json:"reason"`
	InitiatedBy string              `json:"initiated_by"`
	StartedAt   time.Time           `json:"started_at"`
	StartBy     string              `json:"start_by"`
	CompleteBy  string              `json:"complete_by"`
	Progress    recalllist.Progress `json:"progress"`
}

// RouteRecalls serves recall lists: one recall's list as JSON, CSV or
// XLSX, and the list of recalls. Regulators and analysts see everything; an
// enterprise sees the whole list of a recall it initiated and only its own
// row of a recall it holds units of (its progress is then its own). ?as_of=
// (RFC 3339 or YYYY-MM-DD; default now) is the time status is judged at.
func (s *Server) RouteRecalls(m RecallModel, dir Directory, rm ReadModels) {
	var d recalllist.Directory = dir
	s.HandleFunc("GET /api/v1/recalls/{id}", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		format := r.URL.Query().Get("format")
		if format != "" && format != "json" && format != "csv" && format != "xlsx" {
			return domain.Invalid("format", "%q: want json, csv or xlsx", format)
		}
		l, err := m.Get(r.PathValue("id"), now, d)
		if err != nil {
			return err
		}
		if a, _ := ActorFrom(r.Context()); a.Role == access.RoleEnterprise {
			var ok bool
			if l, ok = l.For(a.USCC); !ok {
				return domain.Forbidden("id", "an enterprise reads only recalls it initiated or holds units of")
			}
		}
		switch format {
		case "csv":
			return writeRecallCSV(w, l)
		case "xlsx":
			return writeRecallXLSX(w, l)
		}
		WriteJSON(w, http.StatusOK, l)
		return nil
	}, traceAccess)

	s.HandleFunc("GET /api/v1/recalls", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		a, _ := ActorFrom(r.Context())
		out := []recallSummary{}
		for _, l := range m.All(now, nil) {
			if a.Role == access.RoleEnterprise {
				var ok bool
				if l, ok = l.For(a.USCC); !ok {
					continue
				}
			}
			out = append(out, recallSummary{RecallID: l.RecallID, Level: l.Level, Status: l.Status, OverdueBy: l.OverdueBy, Reason: l.Reason,
				InitiatedBy: l.InitiatedBy, StartedAt: l.StartedAt, StartBy: l.StartBy, CompleteBy: l.CompleteBy, Progress: l.Progress})
		}
		WriteJSON(w, http.StatusOK, map[string]any{"recalls": out})
		return nil
	}, traceAccess)
}
