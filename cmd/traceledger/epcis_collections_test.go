package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// members reads a Collection answer, which must be 200, and the Link of
// its next page ("" on the last).
func (f *epcisFixture) members(path, token string, headers ...string) (members []string, next string) {
	f.t.Helper()
	a := f.epcis(path, token, headers...)
	if a.status != http.StatusOK {
		f.t.Fatalf("GET %s = %d %s", path, a.status, a.raw)
	}
	var c struct {
		Type   string   `json:"type"`
		Member []string `json:"member"`
	}
	if err := json.Unmarshal(a.raw, &c); err != nil || c.Type != "Collection" {
		f.t.Fatalf("GET %s: not a Collection: %s", path, a.raw)
	}
	if m := regexp.MustCompile(`^<([^>]+)>; rel="next"$`).FindStringSubmatch(a.header.Get("Link")); m != nil {
		u, _ := url.Parse(m[1])
		q := u.Query()
		q.Del("min_position") // epcis adds its own
		next = u.Path + "?" + q.Encode()
	}
	return c.Member, next
}

func TestAnEnterpriseListsOnlyTheEPCsOfEventsItMaySee(t *testing.T) {
	f := newEPCISFixture(t)
	own := "https://id.gs1.org/01/0" + f.gtin + "/21/S3"
	imp, _ := f.members("/epcis/epcs", f.tImp)
	if !slices.Contains(imp, own) {
		t.Fatalf("the importer's EPCs %v lack its own item %s", imp, own)
	}
	stranger, _ := f.members("/epcis/epcs", f.tStranger)
	if len(stranger) != 0 {
		t.Fatalf("an enterprise that never touched the goods lists %v", stranger)
	}
	if locs, _ := f.members("/epcis/bizLocations", f.tStranger); len(locs) != 0 {
		t.Fatalf("an enterprise that never touched the goods lists locations %v", locs)
	}
	all, _ := f.members("/epcis/epcs", f.reg)
	if !slices.Contains(all, own) {
		t.Fatalf("the regulator's EPCs %v lack %s", all, own)
	}
	urns, _ := f.members("/epcis/epcs", f.tImp, "GS1-EPC-Format", "Always_EPC_URN")
	if len(urns) != len(imp) || !slices.ContainsFunc(urns, func(u string) bool {
		return strings.HasPrefix(u, "urn:epc:id:sgtin:") && strings.HasSuffix(u, ".S3")
	}) {
		t.Fatalf("EPCs asked as URNs = %v", urns)
	}
}

func TestPagedEPCISCollectionsWalkEveryIdentifierOnce(t *testing.T) {
	f := newEPCISFixture(t)
	for _, c := range []string{"/epcis/epcs", "/epcis/bizLocations", "/epcis/readPoints"} {
		whole, next := f.members(c+"?perPage=1000", f.reg)
		if next != "" || len(whole) < 2 || !slices.IsSorted(whole) {
			t.Fatalf("%s in one page = %v (next %q): want two or more, sorted, no next page", c, whole, next)
		}
		var walked []string
		path := c + "?perPage=1"
		for i := 0; path != "" && i <= len(whole); i++ {
			page, n := f.members(path, f.reg)
			if len(page) != 1 {
				t.Fatalf("%s page %d = %v, want one identifier", c, i, page)
			}
			walked = append(walked, page...)
			path = n
		}
		if !slices.Equal(walked, whole) {
			t.Fatalf("%s walked one by one = %v, want %v", c, walked, whole)
		}
	}
	if a := f.epcis("/epcis/epcs?nextPageToken=bogus", f.reg); a.status != http.StatusBadRequest {
		t.Fatalf("a token this collection never gave = %d, want 400", a.status)
	}
	_, next := f.members("/epcis/epcs?perPage=1", f.reg)
	u, _ := url.Parse(next)
	if a := f.epcis("/epcis/readPoints?"+u.RawQuery, f.reg); a.status != http.StatusBadRequest {
		t.Fatalf("the EPCs' token given to the read points = %d, want 400", a.status)
	}
}
