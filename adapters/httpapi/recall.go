package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/recall"
)

// Directory gives an enterprise's name and contact, for recall lists; the
// directory model implements it.
type Directory interface {
	Enterprise(uscc string) (name, contact string, ok bool)
}

// recallSummary is one recall in GET /api/v1/recalls.
type recallSummary struct {
	RecallID    string `json:"recall_id"`
	Level       int    `json:"level"`
	Status      string `json:"status"`
	OverdueBy   string `json:"overdue_by,omitempty"`
	Reason      string `json:"reason"`
	InitiatedBy string `json:"initiated_by"`
	// Products and Batches name what is recalled (products with their
	// registered names), for the list's columns.
	Products   []query.RecallProduct `json:"products"`
	Batches    []recall.BatchKey     `json:"batches"`
	StartedAt  time.Time             `json:"started_at"`
	StartBy    string                `json:"start_by"`
	CompleteBy string                `json:"complete_by"`
	Progress   query.RecallProgress  `json:"progress"`
}

// RecallOption configures the recall routes.
type RecallOption func(*recallRoutes)

type recallRoutes struct{ heads query.LedgerHeads }

// WithRecallLedgerHead writes the latest signed ledger head (tree size and
// root) into every recall export's header block.
func WithRecallLedgerHead(h LedgerHeads) RecallOption {
	return func(rr *recallRoutes) { rr.heads = h }
}

// RouteRecalls serves recall lists: one recall's list as JSON, CSV or
// XLSX (see recall_export.go), and the list of recalls, each as much as the
// caller may see (see query.Recalls). ?as_of= (RFC 3339 or YYYY-MM-DD;
// default now) is the time status is judged at.
func (s *Server) RouteRecalls(q *query.Recalls, opts ...RecallOption) {
	var rr recallRoutes
	for _, o := range opts {
		o(&rr)
	}
	s.HandleFunc("GET /api/v1/recalls/{id}", func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		now, err := asOf(r)
		if err != nil {
			return err
		}
		format, _, err := exportFormat(r)
		if err != nil {
			return err
		}
		var x recallExport
		if format != "" {
			if x, err = recallExportOf(r, rr.heads, time.Now()); err != nil {
				return err
			}
		}
		l, err := q.Get(r.Context(), rd.Read, r.PathValue("id"), now)
		if err = rd.answered(w, q, err); err != nil {
			return err
		}
		switch format {
		case "csv":
			return writeRecallCSV(w, l, x)
		case "xlsx":
			return writeRecallXLSX(w, l, x)
		}
		WriteJSON(w, http.StatusOK, l)
		return nil
	}, traceAccess)

	s.HandleFunc("GET /api/v1/recalls", func(w http.ResponseWriter, r *http.Request) error {
		now, err := asOf(r)
		if err != nil {
			return err
		}
		f, pg, err := recallFilter(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (directoryAnswer, error) {
			ls, next, err := q.List(r.Context(), rd, f, pg, now)
			out := []recallSummary{}
			for _, l := range ls {
				out = append(out, recallSummary{RecallID: l.RecallID, Level: l.Level, Status: l.Status, OverdueBy: l.OverdueBy, Reason: l.Reason,
					InitiatedBy: l.InitiatedBy, Products: l.Products, Batches: l.Batches, StartedAt: l.StartedAt, StartBy: l.StartBy, CompleteBy: l.CompleteBy, Progress: l.Progress})
			}
			return answer("recalls", out, next), err
		})
	}, traceAccess)

	s.HandleFunc("GET /api/v1/me/recall-notices", func(w http.ResponseWriter, r *http.Request) error {
		after, limit, err := pageParams(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (recallNoticePage, error) {
			ns, next, err := q.Inbox(r.Context(), rd, time.Now(), after, limit)
			pg := recallNoticePage{Notices: ns, Next: cursorAt(next)}
			if pg.Notices == nil {
				pg.Notices = []query.RecallNotice{}
			}
			return pg, err
		})
	}, traceAccess)
}

// recallNoticePage is a page of a holder's recall notice inbox: Next is the
// position to pass as ?after= for the following page, null on the last.
type recallNoticePage struct {
	Notices []query.RecallNotice `json:"notices"`
	Next    *string              `json:"next"`
}
