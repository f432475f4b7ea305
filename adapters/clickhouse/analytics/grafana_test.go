package analytics_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/risk"
)

var update = flag.Bool("update", false, "rewrite deploy/grafana/dashboards from the builder")

// grafanaDir is deploy/grafana from this package's directory.
var grafanaDir = filepath.Join("..", "..", "..", "deploy", "grafana")

// encode is a dashboard file's bytes: indented JSON, SQL's < > & as
// written.
func encode(d dashboard) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(d)
	return b.Bytes(), err
}

// TestGrafanaFiles checks that the dashboard files are what the builder
// makes from the embedded grading.json (or rewrites them with -update), that
// every panel queries the provisioned data source in the plugin's format,
// and that the provisioning files name that data source and the files.
func TestGrafanaFiles(t *testing.T) {
	ds, err := dashboards(risk.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(grafanaDir, "dashboards")
	var names []string
	for name, d := range ds {
		names = append(names, name)
		want, err := encode(d)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGrafanaFiles -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the builder makes (grading.json or a query changed?): run go test -run TestGrafanaFiles -update", path)
		}
		checkDashboard(t, name, got)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	for i := range files {
		files[i] = filepath.Base(files[i])
	}
	if !slices.Equal(files, names) {
		t.Errorf("dashboard files %v, the builder makes %v", files, names)
	}
	checkProvisioning(t)
}

// checkDashboard checks one file as Grafana and the plugin read it.
func checkDashboard(t *testing.T, name string, raw []byte) {
	t.Helper()
	var d struct {
		UID    string `json:"uid"`
		Title  string `json:"title"`
		Panels []struct {
			ID         int        `json:"id"`
			Title      string     `json:"title"`
			Type       string     `json:"type"`
			Datasource datasource `json:"datasource"`
			Targets    []target   `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
		t.Errorf("%s: uid %q, title %q, %d panels", name, d.UID, d.Title, len(d.Panels))
	}
	for _, p := range d.Panels {
		if p.Datasource != clickhouseDS || p.Type == "" || len(p.Targets) == 0 {
			t.Errorf("%s panel %q: datasource %+v, type %q, %d targets", name, p.Title, p.Datasource, p.Type, len(p.Targets))
		}
		for _, tg := range p.Targets {
			if tg.Datasource != clickhouseDS || tg.RawSQL == "" || tg.EditorType != "sql" ||
				!(tg.Format == 1 && tg.QueryType == "table" || tg.Format == 0 && tg.QueryType == "timeSeries") {
				t.Errorf("%s panel %q: target %+v is not the plugin's SQL query format", name, p.Title, tg)
			}
		}
	}
}

// checkProvisioning checks the provisioning files for what Grafana's
// provisioning format requires (apiVersion 1, a datasources or providers
// list) and what the dashboards rely on.
func checkProvisioning(t *testing.T) {
	t.Helper()
	for _, c := range []struct {
		file string
		want []string
	}{
		{"provisioning/datasources/clickhouse.yaml", []string{"apiVersion: 1", "\ndatasources:\n", "type: grafana-clickhouse-datasource",
			"uid: " + datasourceUID, "host: ${CLICKHOUSE_HOST}", "port: ${CLICKHOUSE_PORT}", "defaultDatabase: ${CLICKHOUSE_DB}", "protocol: native"}},
		{"provisioning/dashboards/dashboards.yaml", []string{"apiVersion: 1", "\nproviders:\n", "type: file", "path: /etc/grafana/dashboards/traceledger"}},
	} {
		raw, err := os.ReadFile(filepath.Join(grafanaDir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "\t") {
			t.Errorf("%s: YAML does not allow tabs for indentation", c.file)
		}
		for _, w := range c.want {
			if !strings.Contains(string(raw), w) {
				t.Errorf("%s lacks %q", c.file, w)
			}
		}
	}
}

// macros are the Grafana macros the panels use, with the values the
// plugin would put for a time range from 1970 to the demo's end.
func expandMacros(sql string) string {
	to := fmt.Sprintf("toDateTime(%d)", demoNow.Unix())
	sql = regexp.MustCompile(`\$__timeFilter\(([^)]*)\)`).ReplaceAllString(sql, "$1 >= toDateTime(0) AND $1 <= "+to)
	return strings.NewReplacer("$__toTime", to, "$__fromTime", "toDateTime(0)").Replace(sql)
}

// testDashboards runs every panel's SQL of the committed files against the
// demo data, connected as the plugin connects (native protocol, the
// database as the default one), and checks two panels against the API.
func testDashboards(t *testing.T, f *fixture) {
	conn, err := ch.Open(&ch.Options{Addr: []string{f.srv.Addr}, Auth: ch.Auth{Database: chtest.Database, Username: "default"}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	files, err := filepath.Glob(filepath.Join(grafanaDir, "dashboards", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("dashboards: %v %v", files, err)
	}
	results := map[string][][]any{}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var d dashboard
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Panels {
			t.Run(filepath.Base(file)+"/"+p.Title, func(t *testing.T) {
				rows, err := rowsOf(t, conn, expandMacros(p.Targets[0].RawSQL))
				if err != nil {
					t.Fatalf("%v\n%s", err, p.Targets[0].RawSQL)
				}
				if len(rows) == 0 {
					t.Errorf("no rows on the demo data")
				}
				results[p.Title] = rows
			})
		}
	}
	grades, err := f.source.Grades(t.Context(), demoNow, query.DashboardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want [][]any
	for _, g := range grades.Grades {
		want = append(want, []any{fmt.Sprintf("class %d", g.Grade), uint64(g.Enterprises)})
	}
	if got := results["Enterprises by credit grade"]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grade panel %v, the API %v", got, want)
	}
	rates, err := f.source.Rates(t.Context(), demoNow, query.ByCategory, query.DashboardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want = nil
	for _, g := range rates.Groups {
		want = append(want, []any{g.Key, g.Products, g.UnitsSold, g.Complaints, g.ComplaintsPer1000Units, g.ComplaintsResolved,
			g.ComplaintsSubstantiated, g.SubstantiatedShare, g.Inspections, g.InspectionsFailed, g.FailureRate})
	}
	if got := results["Rates by category"]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rates panel\n%v\nthe API\n%v", got, want)
	}
}

// rowsOf runs sql and answers its rows with each column's Go value.
func rowsOf(t *testing.T, conn ch.Conn, sql string) ([][]any, error) {
	rows, err := conn.Query(t.Context(), sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(rows.ColumnTypes()))
		for i, c := range rows.ColumnTypes() {
			vals[i] = reflectNew(c.ScanType())
		}
		if err := rows.Scan(vals...); err != nil {
			return nil, err
		}
		for i := range vals {
			vals[i] = deref(vals[i])
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func reflectNew(t reflect.Type) any { return reflect.New(t).Interface() }

func deref(p any) any { return reflect.ValueOf(p).Elem().Interface() }
