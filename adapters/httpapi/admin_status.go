package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
)

// RouteAdminStatus serves GET /api/v1/admin/status to an admin: the log's
// head, every background component, every read model's checkpoint and lag
// behind the head, the newest signed checkpoints, and the webhooks the
// ledger delivers to (EPCIS subscriptions with their checkpoint, lag, last
// delivery and failures; enterprises' recall webhooks).
func (s *Server) RouteAdminStatus(q *query.Operations) {
	s.HandleFunc("GET /api/v1/admin/status", func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		st, err := q.Status(r.Context(), rd.Read)
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
		WriteJSON(w, http.StatusOK, st)
		return nil
	}, adminAccess)
}
