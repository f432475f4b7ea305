package webui

import (
	"net/http"
)

// securityHeaders keeps the pages to their own origin's scripts and styles
// and out of frames; the API is called on the same origin.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// page serves one HTML file of the assets, never cached so that a new
// binary's pages load at once.
func page(name string) http.Handler {
	body := must(assets.Open(name))
	body.Close()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header())
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, assets, name)
	})
}

// assetServer serves the scripts, styles and vendored libraries.
func assetServer() http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header())
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
