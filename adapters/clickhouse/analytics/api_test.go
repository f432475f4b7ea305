package analytics_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	appquery "github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// analystToken is the bearer token of the tests' analyst.
const analystToken = "analyst-token"

type tokens map[string]access.Actor

func (ts tokens) Authenticate(_ context.Context, token string) (access.Actor, error) {
	if a, ok := ts[token]; ok {
		return a, nil
	}
	return access.Actor{}, fmt.Errorf("unknown token: %w", domain.ErrNotFound)
}

// settled is read models that have applied the whole log.
type settled uint64

func (s settled) WaitFor(context.Context, uint64) error { return nil }
func (s settled) Position() uint64                      { return uint64(s) }

// server serves the dashboards from a.
func (f *fixture) server(t *testing.T, a httpapi.Analytics, rm httpapi.ReadModels) *httpapi.Server {
	t.Helper()
	reg := prometheus.NewRegistry()
	srv, err := httpapi.New(httpapi.Config{Commands: command.NewHandlers(f.store, command.Options{}), Log: f.store,
		Tokens: tokens{analystToken: {Role: access.RoleAnalyst}}, Registerer: reg, Gatherer: reg})
	if err != nil {
		t.Fatal(err)
	}
	srv.RouteAnalyticsFrom(appquery.NewDashboards(a, rm))
	return srv
}

// get answers the route's body with "source" taken out, after checking it
// and the position header: both engines have the whole log, head.
func get(t *testing.T, srv http.Handler, path, source string, head uint64) []byte {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+analystToken)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	if got := rec.Header().Get(httpapi.PositionHeader); got != fmt.Sprint(head) {
		t.Errorf("GET %s from %s: position %s, want %d", path, source, got, head)
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if body["source"] != source {
		t.Errorf("GET %s: source %v, want %s", path, body["source"], source)
	}
	delete(body, "source")
	out, err := json.MarshalIndent(body, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testAPI asks every dashboard route of a server on the embedded models and
// of one on ClickHouse and compares the answers, source apart.
func testAPI(t *testing.T, f *fixture) {
	embedded, ch := f.server(t, f.embedded(), settled(f.head)), f.server(t, f.source, chanalytics.SinkModels{Sink: f.sink})
	for _, at := range asOfs() {
		q := "?min_position=" + fmt.Sprint(f.head) + "&as_of=" + at.Format("2006-01-02T15:04:05.999999999Z07:00")
		for _, path := range []string{"/api/v1/analytics/grades", "/api/v1/analytics/top-risks?limit=1000&", "/api/v1/analytics/top-risks",
			"/api/v1/analytics/risk-trend", "/api/v1/analytics/rates?by=category&", "/api/v1/analytics/rates?by=origin_country&",
			"/api/v1/analytics/recalls", "/api/v1/analytics/rates?by=region&", "/api/v1/analytics/rates?by=operator&limit=1000&",
			"/api/v1/analytics/rates?by=operator&from=2026-03-01&to=2026-04-30&after=5&limit=20&",
			"/api/v1/analytics/rates?by=region&from=2026-05-01&", "/api/v1/analytics/rates?by=operator&region=%E4%B8%8A%E6%B5%B7&limit=1000&",
			"/api/v1/analytics/rates?by=region&region=%E4%B8%8A%E6%B5%B7&from=2026-03-01&",
			// The dashboard's filters on every panel: a region, a category
			// (by code and by name), an origin and periods.
			"/api/v1/analytics/grades?region=%E4%B8%8A%E6%B5%B7&", "/api/v1/analytics/grades?category=dairy&origin=NZ&",
			"/api/v1/analytics/top-risks?limit=1000&region=%E4%B8%8A%E6%B5%B7&", "/api/v1/analytics/top-risks?limit=50&category=%E4%B9%B3%E5%88%B6%E5%93%81&",
			"/api/v1/analytics/risk-trend?region=%E4%B8%8A%E6%B5%B7&", "/api/v1/analytics/risk-trend?category=dairy&from=2026-03-01&to=2026-04-30&",
			"/api/v1/analytics/risk-trend?origin=FR&", "/api/v1/analytics/recalls?region=%E4%B8%8A%E6%B5%B7&",
			"/api/v1/analytics/recalls?origin=NZ&from=2026-03-01&", "/api/v1/analytics/recalls?category=dairy&to=2026-04-30&",
			"/api/v1/analytics/rates?by=category&category=dairy&", "/api/v1/analytics/rates?by=category&region=%E4%B8%8A%E6%B5%B7&",
			"/api/v1/analytics/rates?by=origin_country&category=dairy&", "/api/v1/analytics/rates?by=operator&category=dairy&limit=1000&",
			"/api/v1/analytics/rates?by=region&origin=FR&"} {
			p := path + q
			if path[len(path)-1] == '&' {
				p = path + q[1:]
			}
			t.Run(p, func(t *testing.T) {
				want, got := get(t, embedded, p, "embedded", f.head), get(t, ch, p, "clickhouse", f.head)
				if !bytes.Equal(got, want) {
					t.Errorf("ClickHouse and the embedded models differ: %s", firstDifference(got, want))
				}
				if len(want) < 100 {
					t.Errorf("a thin answer tests little: %s", want)
				}
			})
		}
	}
}

// firstDifference shows the first line where got and want differ, with
// the lines before it.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			from := max(i-8, 0)
			return fmt.Sprintf("line %d\n%s\n got %s\nwant %s", i+1, strings.Join(w[from:i], "\n"), at(g, i), at(w, i))
		}
	}
	return "none"
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}
