package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/domain/category"
)

// routeCategories serves GET /api/v1/categories to anyone: the key
// traceability product catalogue this build judges product registrations
// by (its version and every code with its Chinese and English names). The
// list is the embedded file's, small and fixed, not one that grows with the
// log, so it is answered whole.
func (s *Server) routeCategories() {
	s.HandleFunc("GET /api/v1/categories", func(w http.ResponseWriter, r *http.Request) error {
		WriteJSON(w, http.StatusOK, category.Current())
		return nil
	}, Public)
}
