package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/access"
)

// searchDemo is what the search tests look for in a served demo: names and
// numbers read from the global log with a regulator's token.
type searchDemo struct {
	*ledger
	reg      string
	head     uint64
	names    map[string]string // USCC → enterprise name
	furui    string            // the enterprise whose name has 福瑞
	oats     string            // GTIN-14 of the product named 燕麦…
	declNo   string            // a customs declaration
	importer string            // its importer
}

func startSearchDemo(t *testing.T) *searchDemo {
	t.Helper()
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "300", "--workers", "4"); code != exitOK {
		t.Fatalf("demo = %d: %s", code, stderr)
	}
	l := startLedgerOn(t, data)
	d := &searchDemo{ledger: l, reg: l.token(access.RoleRegulator, ""), names: map[string]string{}}
	for after := uint64(0); ; {
		a := l.do("GET", "/api/v1/events?limit=1000&after="+strconv.FormatUint(after, 10), d.reg, nil)
		var page struct {
			Events []struct {
				Position uint64          `json:"position"`
				Type     string          `json:"type"`
				Data     json.RawMessage `json:"data"`
			} `json:"events"`
		}
		if a.status != http.StatusOK || json.Unmarshal([]byte(a.raw), &page) != nil {
			t.Fatalf("events after %d: %d %s", after, a.status, a.raw)
		}
		if len(page.Events) == 0 {
			break
		}
		for _, e := range page.Events {
			after, d.head = e.Position, e.Position
			var v struct {
				USCC     string `json:"uscc"`
				Name     string `json:"name"`
				GTIN     string `json:"gtin"`
				No       string `json:"declaration_no"`
				Importer string `json:"importer_uscc"`
			}
			_ = json.Unmarshal(e.Data, &v)
			switch e.Type {
			case "enterprise.registered.v1":
				d.names[v.USCC] = v.Name
				if strings.Contains(v.Name, "福瑞") {
					d.furui = v.USCC
				}
			case "product.registered.v1":
				if strings.Contains(v.Name, "燕麦") && d.oats == "" {
					d.oats = v.GTIN
				}
			case "customs.declared.v1":
				if d.declNo == "" {
					d.declNo, d.importer = v.No, v.Importer
				}
			}
		}
	}
	if d.furui == "" || d.oats == "" || d.declNo == "" {
		t.Fatalf("the demo has no 福瑞 enterprise (%q), 燕麦 product (%q) or declaration (%q)", d.furui, d.oats, d.declNo)
	}
	return d
}

type searchHitJSON struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
}

// search asks GET /api/v1/search as token, once the index has the demo.
func (d *searchDemo) search(token, q string, extra string) (hits []searchHitJSON, total int, next *string) {
	d.t.Helper()
	a := d.do("GET", "/api/v1/search?q="+url.QueryEscape(q)+extra+"&min_position="+strconv.FormatUint(d.head, 10), token, nil)
	if a.status != http.StatusOK {
		d.t.Fatalf("search %q: %d %s", q, a.status, a.raw)
	}
	var page struct {
		Hits  []searchHitJSON `json:"hits"`
		Total int             `json:"total"`
		Next  *string         `json:"next"`
	}
	if err := json.Unmarshal([]byte(a.raw), &page); err != nil {
		d.t.Fatal(err)
	}
	return page.Hits, page.Total, page.Next
}

func TestSearchFindsTheDemoByNameCodeAndNumberAndRespectsTenancy(t *testing.T) {
	d := startSearchDemo(t)
	var anyUSCC string
	for u := range d.names {
		if u != d.importer && u != d.furui {
			anyUSCC = u
			break
		}
	}
	for _, c := range []struct {
		q, kind, id string
	}{
		{"燕麦", "product", d.oats},
		{"福瑞", "enterprise", d.furui},
		{anyUSCC, "enterprise", anyUSCC},
		{d.oats[len(d.oats)-6:], "product", d.oats},
		{d.declNo, "declaration", d.declNo},
	} {
		hits, _, _ := d.search(d.reg, c.q, "")
		if len(hits) == 0 || hits[0].Kind != c.kind || hits[0].ID != c.id {
			t.Errorf("a regulator searching %q: first hit %+v, want %s %s", c.q, first(hits), c.kind, c.id)
		}
	}

	// Kinds, repeated or comma-separated, keep only those kinds.
	for _, extra := range []string{"&kind=batch,declaration", "&kind=batch&kind=declaration"} {
		hits, _, _ := d.search(d.reg, "燕麦", extra)
		if len(hits) == 0 {
			t.Errorf("燕麦%s: no hit, want its batches and declarations", extra)
		}
		for _, h := range hits {
			if h.Kind != "batch" && h.Kind != "declaration" {
				t.Errorf("燕麦%s: a %s hit", extra, h.Kind)
			}
		}
	}

	// The importer finds its declaration; an enterprise that did not file
	// it finds nothing of it, and the total says nothing either.
	own := d.token(access.RoleEnterprise, d.importer)
	if hits, _, _ := d.search(own, d.declNo, ""); len(hits) == 0 || hits[0].ID != d.declNo {
		t.Errorf("the importer searching its declaration %s: %+v", d.declNo, first(hits))
	}
	other := d.token(access.RoleEnterprise, anyUSCC)
	hits, total, _ := d.search(other, d.declNo, "&kind=declaration")
	if len(hits) != 0 || total != 0 {
		t.Errorf("another enterprise searching the declaration %s: %d hits (%d in all), want none", d.declNo, len(hits), total)
	}
	// An enterprise finds itself, and only enterprises it may see.
	hits, _, _ = d.search(other, "有限公司", "&kind=enterprise&limit=100")
	if len(hits) == 0 || len(hits) >= len(d.names) {
		t.Errorf("an enterprise searching every enterprise name: %d hits of %d enterprises, want itself and its partners only", len(hits), len(d.names))
	}

	// Pages follow each other by the cursor, without repeats, to the end.
	seen := map[string]bool{}
	var after string
	pages := 0
	for {
		extra := "&limit=7"
		if after != "" {
			extra += "&after=" + url.QueryEscape(after)
		}
		hits, total, next := d.search(d.reg, "有限公司", extra)
		for _, h := range hits {
			if seen[h.Kind+h.ID] {
				t.Fatalf("page %d repeats %s %s", pages, h.Kind, h.ID)
			}
			seen[h.Kind+h.ID] = true
		}
		pages++
		if next == nil {
			if len(seen) != total {
				t.Errorf("paged %d hits, the total says %d", len(seen), total)
			}
			break
		}
		after = *next
	}
	if pages < 2 {
		t.Errorf("%d pages of 7 for every company, want several", pages)
	}

	// Type-ahead: one character of a name suggests its records.
	a := d.do("GET", "/api/v1/search/suggest?q="+url.QueryEscape("福")+"&min_position="+strconv.FormatUint(d.head, 10), d.reg, nil)
	if a.status != http.StatusOK || !strings.Contains(a.raw, d.furui) {
		t.Errorf("suggest 福: %d %s, want the 福瑞 enterprise", a.status, a.raw)
	}
	// Bounded input, and no search for a caller without a token.
	for path, want := range map[string]int{
		"/api/v1/search?q=" + strings.Repeat("燕", 201): http.StatusBadRequest,
		"/api/v1/search?q=x&after=forged":              http.StatusBadRequest,
		"/api/v1/search?q=x&kind=shipment":             http.StatusBadRequest,
		"/api/v1/search?q=x&limit=101":                 http.StatusBadRequest,
	} {
		if a := d.do("GET", path, d.reg, nil); a.status != want {
			t.Errorf("GET %s = %d %s, want %d", path[:min(len(path), 60)], a.status, a.raw, want)
		}
	}
	if a := d.do("GET", "/api/v1/search?q=x", "", nil); a.status != http.StatusUnauthorized {
		t.Errorf("an anonymous search = %d, want 401", a.status)
	}
}

func first(hits []searchHitJSON) any {
	if len(hits) == 0 {
		return "none"
	}
	return hits[0]
}

// A lost search index is rebuilt from the log by `traceledger replay
// --projection search`; until then serve refuses to start on a snapshot the
// index does not cover, rather than answer searches from a hole.
func TestReplayRebuildsALostSearchIndex(t *testing.T) {
	d := startSearchDemo(t)
	if hits, _, _ := d.search(d.reg, d.declNo, ""); len(hits) == 0 {
		t.Fatal("no hit before the index was lost")
	}
	d.stop()
	if err := os.RemoveAll(searchDir(Config{Data: d.data})); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runArgs(t, nil, "serve", "--data", d.data, "--addr", "127.0.0.1:0")
	if code == exitOK || !strings.Contains(stderr, "replay --projection search") {
		t.Fatalf("serve on a lost index = %d %q, want a refusal naming the replay", code, stderr)
	}
	if code, stdout, stderr := runArgs(t, nil, "replay", "--data", d.data, "--projection", "search"); code != exitOK || !strings.Contains(stdout, "rebuilt search") {
		t.Fatalf("replay = %d %q %q", code, stdout, stderr)
	}
	d.ledger = startLedgerOn(t, d.data)
	d.reg = d.token(access.RoleRegulator, "")
	if hits, _, _ := d.search(d.reg, d.declNo, ""); len(hits) == 0 || hits[0].ID != d.declNo {
		t.Errorf("after the replay, %s finds %+v", d.declNo, first(hits))
	}
}
