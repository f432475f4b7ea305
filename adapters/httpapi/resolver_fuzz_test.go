package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzPublicResolverPath sends any path under /01/ to the public Digital
// Link resolver, with or without a browser's Accept: it never panics and
// never fails as the server's fault; a JSON answer is one object, an
// error in the contract's shape or a card; no answer echoes markup.
func FuzzPublicResolverPath(f *testing.F) {
	l := newHistLedger(f)
	for _, seed := range []string{
		"/01/" + histGTIN + "/10/" + histLot + "/21/A001",
		"/01/" + histGTIN + "/10/" + histLot + "/21/A001?linkType=all",
		"/01/03017620422004/10/X/21/Y", "/01/1/10/%00/21/%ff", "/01/" + histGTIN + "/10/<svg>/21/<img>",
		"/01/" + histGTIN + "/10/" + histLot + "/21/" + strings.Repeat("9", 300), "/01//10//21/",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, path string, browser bool) {
		if !strings.HasPrefix(path, "/01/") || strings.ContainsAny(path, " \r\n\t#") {
			return
		}
		if _, err := url.ParseRequestURI(path); err != nil {
			return // no client sends a request line that does not parse
		}
		req := httptest.NewRequest("GET", "http://x"+path, nil)
		if browser {
			req.Header.Set("Accept", "text/html,application/xhtml+xml")
		}
		rec := httptest.NewRecorder()
		l.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q = %d %s", path, rec.Code, rec.Body)
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			var v map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
				t.Fatalf("GET %q answered JSON that is not one object: %v: %s", path, err, rec.Body)
			}
		}
		if strings.Contains(rec.Body.String(), "<svg>") || strings.Contains(rec.Body.String(), "<img>") {
			t.Fatalf("GET %q echoed markup: %s", path, rec.Body)
		}
	})
}
