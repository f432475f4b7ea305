package httpapi_test

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/trace"
)

// The downstream trace says exactly where each unit is: 100 units, each
// counted once, at the holder that has it now.
func TestTraceDownstreamSaysWhereEachUnitIs(t *testing.T) {
	c := newChain(t)
	var tr query.TraceGraph
	c.getJSON("/api/v1/batches/"+chainGTIN+"/"+chainLot+"/trace", regToken, &tr)
	want := map[string]query.TraceHolder{
		c.imp: {USCC: c.imp, Name: "上海明辉进出口贸易有限公司", InStock: 20},
		c.dst: {USCC: c.dst, Name: "华东食品分销有限公司", InStock: 16, InTransit: 5},
		c.r1:  {USCC: c.r1, Name: "深圳优选超市有限公司", InStock: 24, Sold: 12},
		c.r2:  {USCC: c.r2, Name: "广州好邻居便利店", InStock: 23},
	}
	if len(tr.Holders) != len(want) {
		t.Fatalf("holders %+v", tr.Holders)
	}
	for _, h := range tr.Holders {
		if !reflect.DeepEqual(h, want[h.USCC]) {
			t.Errorf("holder %s: got %+v, want %+v", h.USCC, h, want[h.USCC])
		}
	}
	if tr.Totals != (query.TraceTotals{Quantity: 100, InStock: 83, InTransit: 5, Sold: 12}) || tr.Direction != "downstream" || tr.GTIN != chainGTIN {
		t.Fatalf("totals %+v direction %s", tr.Totals, tr.Direction)
	}
	type edge struct {
		from, to string
		units    int64
		n        int
	}
	var edges []edge
	for _, e := range tr.Edges {
		edges = append(edges, edge{e.From, e.To, e.Units, len(e.Shipments)})
	}
	wantEdges := []edge{{c.imp, c.dst, 80, 1}, {c.dst, c.r1, 36, 1}, {c.dst, c.r2, 28, 2}, {c.r1, trace.ConsumersID, 12, 0}}
	if !reflect.DeepEqual(edges, wantEdges) {
		t.Fatalf("edges %+v, want %+v", edges, wantEdges)
	}
	if len(tr.Nodes) != 5 || tr.Nodes[0].Kind != trace.NodeImporter || tr.Nodes[4].ID != trace.ConsumersID {
		t.Fatalf("nodes %+v", tr.Nodes)
	}
}

func TestTraceUpstream(t *testing.T) {
	c := newChain(t)
	var tr query.TraceGraph
	c.getJSON("/api/v1/batches/"+chainGTIN+"/"+chainLot+"/trace?direction=upstream", anaToken, &tr)
	up := tr.Upstream
	if up == nil || up.Source.USCC != c.imp || up.Source.Role != "importer" || up.OriginCountry != "FR" {
		t.Fatalf("upstream %+v", up)
	}
	if len(up.Customs) != 1 || up.Customs[0].Port != "上海洋山港" || up.Customs[0].Decision != "released" ||
		len(up.Customs[0].Inspections) != 1 || up.Customs[0].Inspections[0].Result != "pass" {
		t.Fatalf("customs %+v", up.Customs)
	}
	if up.Clearance == nil || up.Clearance.DeclarationNo != chainDecl {
		t.Fatalf("clearance %+v", up.Clearance)
	}
}

func TestItemTrace(t *testing.T) {
	c := newChain(t)
	var p query.ItemPath
	c.getJSON("/api/v1/items/"+url.PathEscape(c.codes[0])+"/trace", c.token(c.r1), &p)
	var kinds []string
	for _, s := range p.Steps {
		kinds = append(kinds, s.Kind)
	}
	if want := []string{"labelled", "shipped", "received", "shipped", "received", "sold"}; !reflect.DeepEqual(kinds, want) || p.State != "sold" || p.HolderUSCC != c.r1 {
		t.Fatalf("path %v state %s holder %s", kinds, p.State, p.HolderUSCC)
	}
	if p.Steps[3].Waybill != "SF2001" || p.Steps[5].Channel != "门店零售" {
		t.Fatalf("steps %+v", p.Steps)
	}
	u, _ := url.Parse(c.codes[0])
	c.getJSON("/api/v1/items/"+url.PathEscape(u.Path)+"/trace", regToken, &p)
	if p.Serial == "" || len(p.Steps) != 6 {
		t.Fatalf("by path: %+v", p)
	}
}

func TestTraceRefusals(t *testing.T) {
	c := newChain(t)
	batch := "/api/v1/batches/" + chainGTIN + "/" + chainLot + "/trace"
	item := "/api/v1/items/" + url.PathEscape(c.codes[7]) + "/trace"
	cases := []struct {
		name, path, token string
		status            int
		code, field       string
	}{
		{"malformed gtin", "/api/v1/batches/3017620422004/L1/trace", regToken, 400, "invalid", "gtin"},
		{"malformed lot", "/api/v1/batches/" + chainGTIN + "/" + url.PathEscape("bad lot") + "/trace", regToken, 400, "invalid", "lot"},
		{"unknown direction", batch + "?direction=sideways", regToken, 400, "invalid", "direction"},
		{"unknown batch", "/api/v1/batches/" + chainGTIN + "/NOPE/trace", regToken, 404, "not_found", "lot"},
		{"an enterprise that never held the batch", batch, c.token(c.stranger), 404, "not_found", "lot"},
		{"admins read no traces", batch, admToken, 403, "forbidden", ""},
		{"no token", batch, "", 401, "unauthorized", ""},
		{"malformed item code", "/api/v1/items/nonsense/trace", regToken, 400, "invalid", "code"},
		{"an item the enterprise never held", item, c.token(c.r1), 404, "not_found", "code"},
		{"unknown item", "/api/v1/items/" + url.PathEscape("/01/"+chainGTIN+"/10/"+chainLot+"/21/ZZZ") + "/trace", regToken, 404, "not_found", "code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, c.get(tc.path, tc.token), tc.status, tc.code, tc.field)
		})
	}
	for _, u := range []string{c.imp, c.dst, c.r1, c.r2} {
		if rec := c.get(batch, c.token(u)); rec.Code != 200 {
			t.Errorf("holder %s reads the trace: %d %s", u, rec.Code, rec.Body)
		}
	}
	if rec := c.get(item, c.token(c.r2)); rec.Code != 200 {
		t.Errorf("the item's holder reads its path: %d %s", rec.Code, rec.Body)
	}
}
