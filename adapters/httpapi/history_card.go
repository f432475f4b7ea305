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

// SetProductPage sets the HTML page a GTIN-only Digital Link (/01/{gtin})
// serves to browsers, as SetCardPage does for an item's.
func (s *Server) SetProductPage(page http.Handler) { s.productPage = page }

// negotiatePage serves a browser the HTML page of what the path names, once
// lookup found it (a page that would only say "not found" is the error page
// instead, with its status), and the JSON to everyone else. The answer
// varies by Accept so caches keep both apart. page is read per request: the
// web UI sets it after the routes are made.
func (s *Server) negotiatePage(page func() http.Handler, lookup func(r *http.Request) error, json HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Add("Vary", "Accept")
		if p := page(); p != nil && wantsHTML(r) {
			if err := lookup(r); err != nil {
				return err
			}
			p.ServeHTTP(w, r)
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
