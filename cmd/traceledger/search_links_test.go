package main

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/access"
)

// hitReads are the API reads the web UI's page of a search hit makes (see
// recordLink in adapters/webui/static/js/search.js): a hit offered to a
// caller must open, so each of these must answer 200 for that caller.
func hitReads(kind, id string) []string {
	e := url.PathEscape
	switch kind {
	case "enterprise":
		return []string{"/api/v1/enterprises/" + e(id)}
	case "product":
		return []string{"/api/v1/products/" + e(id) + "/certificate", "/api/v1/products/" + e(id) + "/history?limit=1"}
	case "batch":
		gtin, lot, _ := strings.Cut(id, "/")
		return []string{"/api/v1/batches/" + e(gtin) + "/" + e(lot) + "/history?limit=1"}
	case "declaration":
		return []string{"/api/v1/customs/declarations/" + e(id)}
	case "complaint":
		return []string{"/api/v1/complaints/" + e(id)}
	case "recall":
		return []string{"/api/v1/recalls/" + e(id)}
	}
	return nil
}

// TestEveryHitAnEnterpriseFindsOpens: an enterprise searching the demo is
// offered only records whose pages it may read: every hit of every kind,
// for enterprises of every role, opens with 200, partners included.
func TestEveryHitAnEnterpriseFindsOpens(t *testing.T) {
	d := startSearchDemo(t)
	usccs := make([]string, 0, len(d.names))
	for u := range d.names {
		usccs = append(usccs, u)
	}
	slices.Sort(usccs)
	kinds := map[string]int{}
	opened := 0
	for _, uscc := range usccs {
		tok := d.token(access.RoleEnterprise, uscc)
		var after string
		for {
			extra := "&limit=100"
			if after != "" {
				extra += "&after=" + url.QueryEscape(after)
			}
			hits, _, next := d.search(tok, "", extra)
			for _, h := range hits {
				kinds[h.Kind]++
				reads := hitReads(h.Kind, h.ID)
				if h.Kind == "enterprise" && h.ID == uscc {
					// Its own page goes on to its grade and history.
					reads = append(reads, "/api/v1/enterprises/"+uscc+"/risk", "/api/v1/enterprises/"+uscc+"/history?limit=1")
				}
				if reads == nil {
					t.Errorf("%s finds a %s %s the UI has no page for", uscc, h.Kind, h.ID)
				}
				for _, p := range reads {
					if a := d.do("GET", p, tok, nil); a.status != http.StatusOK {
						t.Errorf("%s finds %s %s, but GET %s = %d %.200s", uscc, h.Kind, h.ID, p, a.status, a.raw)
					}
					opened++
				}
			}
			if next == nil {
				break
			}
			after = *next
		}
		if t.Failed() {
			break
		}
	}
	// The demo gives enterprises partners, goods, declarations and recalls
	// to find: the walk must have met them.
	for _, k := range []string{"enterprise", "product", "batch", "declaration", "recall"} {
		if kinds[k] == 0 {
			t.Errorf("no enterprise found any %s (found %v)", k, kinds)
		}
	}
	t.Logf("%d enterprises found %v; %d reads opened", len(usccs), kinds, opened)
}
