package chtest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Query runs sql over the HTTP interface and returns the answer with its
// trailing newline trimmed (TabSeparated: one line a row, tabs between
// columns). It is independent of the Go client, so a test can check what a
// client wrote with a second, simpler reader.
func (s *Server) Query(sql string) (string, error) {
	// No keep-alive: an idle connection would hold a graceful Stop for the
	// server's keep_alive_timeout.
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Post("http://"+s.HTTPAddr+"/?"+url.Values{"database": {"default"}}.Encode(), "text/plain", strings.NewReader(sql))
	if err != nil {
		return "", fmt.Errorf("query %q: %w", sql, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("query %q: read answer: %w", sql, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("query %q: %s: %s", sql, resp.Status, strings.TrimSpace(string(body)))
	}
	return strings.TrimRight(string(body), "\n"), nil
}

// MustQuery is Query failing the test on an error.
func (s *Server) MustQuery(sql string) string {
	s.t.Helper()
	out, err := s.Query(sql)
	if err != nil {
		s.t.Fatalf("chtest: %v", err)
	}
	return out
}
