package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readAt asks srv for path once the read models have reached pos: the
// server waits for an authenticated caller; an anonymous one is answered at
// once, so it asks again while the answer is "not yet" (503 naming
// min_position), as a public client polls.
func readAt(t testing.TB, srv http.Handler, path, token string, pos uint64) *httptest.ResponseRecorder {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		req := httptest.NewRequestWithContext(t.Context(), "GET", path+sep+"min_position="+strconv.FormatUint(pos, 10), nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if token != "" || rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"min_position"`) || time.Now().After(deadline) {
			return rec
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// readLatest asks srv for path once the read models have reached the
// store's head.
func readLatest(t testing.TB, store interface {
	Head(context.Context) (uint64, error)
}, srv http.Handler, path, token string) *httptest.ResponseRecorder {
	t.Helper()
	head, err := store.Head(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return readAt(t, srv, path, token, head)
}

// decodeOK decodes a 200 answer into v.
func decodeOK(t testing.TB, path string, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if rec.Code != 200 {
		t.Fatalf("GET %s = %d %s", path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}
