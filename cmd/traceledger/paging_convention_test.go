package main

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pagedPaths are the calls that page a route whose matrix row asks it in a
// form that does not (the rates by category come whole; by region they
// are ranked and paged).
var pagedPaths = map[string]string{
	"GET /api/v1/analytics/rates": "/api/v1/analytics/rates?by=region",
}

// openAPIPagedRoutes lists "GET /path" for every GET operation of the
// OpenAPI that takes the shared After parameter.
func openAPIPagedRoutes(t *testing.T) []string {
	t.Helper()
	fh, err := os.Open(filepath.Join("..", "..", "docs", "api", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	pathLine := regexp.MustCompile(`^  (/\S*):\s*$`)
	opLine := regexp.MustCompile(`^    (get|post|put|patch|delete|parameters):\s*$`)
	var routes []string
	inPaths, path, op := false, "", ""
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "paths:":
			inPaths = true
		case inPaths && len(line) > 0 && line[0] != ' ' && line[0] != '#':
			inPaths = false
		case inPaths && pathLine.MatchString(line):
			path, op = pathLine.FindStringSubmatch(line)[1], ""
		case inPaths && opLine.MatchString(line):
			op = opLine.FindStringSubmatch(line)[1]
		case inPaths && op == "get" && strings.TrimSpace(line) == "- $ref: '#/components/parameters/After'":
			if r := "GET " + path; !slices.Contains(routes, r) {
				routes = append(routes, r)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return routes
}

// pagingCaller is the first caller a row lets read the route.
func pagingCaller(row matrixRow) (string, bool) {
	for _, who := range []string{"regulator", "owner", "analyst", "stranger", "admin", "public"} {
		if c := row.expect[slices.Index(callers, who)]; c == s200 || c == allowed {
			return who, true
		}
	}
	return "", false
}

// withQuery is path with the query parameters set.
func withQuery(t *testing.T, path string, set map[string]string) string {
	t.Helper()
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for k, v := range set {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// TestEveryPagedRouteAnswersAnOpaqueCursorOrNull: every GET route of the
// OpenAPI that takes ?after= answers, a page of one at a time, a next that
// is a string (passed back verbatim, it reads the following page) or null,
// and refuses a forged cursor with 400 on field after; every GET route
// that answers a next documents ?after=, so no list pages another way.
func TestEveryPagedRouteAnswersAnOpaqueCursorOrNull(t *testing.T) {
	f := newMatrixFixture(t)
	paged := openAPIPagedRoutes(t)
	if len(paged) < 15 {
		t.Fatalf("read %d paged routes from the OpenAPI: the parser no longer reads it", len(paged))
	}
	cursors := 0
	for _, r := range paged {
		row, ok := matrix[r]
		if !ok {
			t.Errorf("paged route %s has no row in the authorisation matrix", r)
			continue
		}
		who, ok := pagingCaller(row)
		if !ok {
			t.Errorf("no caller may read %s", r)
			continue
		}
		tok := f.tokenOf(who, row)
		path := row.path(f)
		if p, ok := pagedPaths[r]; ok {
			path = p
		}
		t.Run(r, func(t *testing.T) {
			after := ""
			for page := 0; page < 4; page++ {
				set := map[string]string{"limit": "1"}
				if after != "" {
					set["after"] = after
				}
				a := f.do("GET", withQuery(t, path, set), tok, nil)
				if a.status != s200 {
					t.Fatalf("%s as %s, page %d = %d %s", r, who, page, a.status, a.raw)
				}
				next, ok := a.body["next"]
				if !ok {
					t.Fatalf("%s answers no next: %s", r, a.raw)
				}
				for k, v := range a.body {
					if rows, ok := v.([]any); ok && len(rows) > 1 {
						t.Errorf("%s with limit=1 answers %d %s", r, len(rows), k)
					}
				}
				if next == nil {
					break
				}
				s, ok := next.(string)
				if !ok || s == "" {
					t.Fatalf("%s answers next %#v (%T), want a non-empty string or null", r, next, next)
				}
				cursors++
				after = s
			}
			a := f.do("GET", withQuery(t, path, map[string]string{"limit": "1", "after": "forged~cursor"}), tok, nil)
			e, _ := a.body["error"].(map[string]any)
			if a.status != 400 || e == nil || e["field"] != "after" {
				t.Errorf("%s with a forged cursor = %d %s, want 400 on field after", r, a.status, a.raw)
			}
		})
	}
	if cursors == 0 {
		t.Error("no paged route answered a next: the fixture does not test paging")
	}

	// A route that answers next but does not take after pages another way.
	for _, r := range openAPIRoutes(t) {
		row, ok := matrix[r]
		if !ok || !strings.HasPrefix(r, "GET ") || slices.Contains(paged, r) {
			continue
		}
		who, ok := pagingCaller(row)
		if !ok {
			continue
		}
		if a := f.do("GET", row.path(f), f.tokenOf(who, row), nil); a.status == s200 {
			if _, ok := a.body["next"]; ok {
				t.Errorf("%s answers next but its OpenAPI takes no after", r)
			}
		}
	}
}
