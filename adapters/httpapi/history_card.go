package httpapi

import (
	"net/http"
	"strings"
)

// SetCardPage sets the HTML page the Digital Link resolver
// (/01/{gtin}/10/{lot}/21/{serial}) serves to browsers, that is to requests
// whose Accept names text/html; every other request gets the card as JSON.
// Without a page the resolver always answers JSON. The web UI sets it.
func (s *Server) SetCardPage(page http.Handler) { s.cardPage = page }

// negotiateCard serves the card page to browsers and the JSON card to
// everyone else. The answer varies by Accept so caches keep both apart.
func (s *Server) negotiateCard(json HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Add("Vary", "Accept")
		if page := s.cardPage; page != nil && wantsHTML(r) {
			page.ServeHTTP(w, r)
			return nil
		}
		return json(w, r)
	}
}

// wantsHTML reports whether the request's Accept names text/html, as a
// browser's navigation does; application/json, */* or no Accept get JSON.
func wantsHTML(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(mt), "text/html") {
				return true
			}
		}
	}
	return false
}
