package httpapi

import (
	"net/http"
	"strings"
)

// ErrorPage answers an error as an HTML page, for a browser that opened a
// public page's address (a Digital Link it scanned, say). It writes the
// status itself. The web UI sets it; without one every error is JSON.
type ErrorPage func(w http.ResponseWriter, r *http.Request, e PageError)

// PageError is what an error page may tell: the status and the contract's
// kind and field. The English message is not on it: a page shows words of
// the reader's language, never the server's text.
type PageError struct {
	Status int
	Code   string
	Field  string
	Reason string
	Params []string
}

// SetErrorPage sets the HTML error page for browsers (see ErrorPage).
func (s *Server) SetErrorPage(p ErrorPage) { s.errorPage = p }

// htmlError answers e as the error page when the request is a browser's
// (its Accept names text/html) for a public page rather than the API, whose
// clients always get the contract's JSON. It reports whether it answered.
func (s *Server) htmlError(w http.ResponseWriter, r *http.Request, e PageError) bool {
	if s.errorPage == nil || !wantsHTML(r) || !pagePath(r.URL.Path) {
		return false
	}
	w.Header().Add("Vary", "Accept")
	s.errorPage(w, r, e)
	return true
}

// pagePath reports whether path is one of the pages people open (the UI,
// the Digital Link resolver, public pages), not the API's, EPCIS's or the
// operators' endpoints.
func pagePath(path string) bool {
	for _, api := range []string{"/api/", "/epcis/", "/metrics", "/healthz"} {
		if path == strings.TrimSuffix(api, "/") || strings.HasPrefix(path, api) {
			return false
		}
	}
	return true
}
