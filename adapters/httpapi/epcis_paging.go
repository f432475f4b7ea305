package httpapi

import (
	"encoding/base64"
	"net/http"
)

// linkNextPage gives an EPCIS list's answer the binding's paging: a Link
// header to the same request with nextPageToken set to token (already
// opaque) — nothing on the last page (token "").
func linkNextPage(w http.ResponseWriter, r *http.Request, token string) {
	if token == "" {
		return
	}
	next := r.URL.Query()
	next.Set("nextPageToken", token)
	w.Header().Set("Link", "<"+r.URL.Path+"?"+next.Encode()+`>; rel="next"`)
}

// linkNextCursor is linkNextPage for a list whose query answers a raw
// cursor: the token is its URL-safe base64.
func linkNextCursor(w http.ResponseWriter, r *http.Request, cursor string) {
	if cursor != "" {
		linkNextPage(w, r, base64.RawURLEncoding.EncodeToString([]byte(cursor)))
	}
}
