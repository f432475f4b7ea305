package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/traceledger/traceledger/app/query"
)

func (c *chain) recallPath() string { return "/api/v1/recalls/" + c.recallID }

func rowsBy(l query.RecallList) map[string]query.RecallRow {
	m := map[string]query.RecallRow{}
	for _, r := range l.Holders {
		m[r.USCC] = r
	}
	return m
}

// ofTheBatch is a row of the one-batch recall with its drill-down: the
// batch's units are all of the row's.
func ofTheBatch(r query.RecallRow) query.RecallRow {
	r.Batches = []query.RecallBatchUnits{{GTIN: chainGTIN, Lot: chainLot, InStock: r.InStock, InTransit: r.InTransit, Sold: r.Sold,
		Returned: r.Returned, Destroyed: r.Destroyed}}
	return r
}

// The recall list says where each unit is when the recall starts, and
// follows receipts and returns after it.
func TestRecallListFollowsUnits(t *testing.T) {
	c := newChain(t)
	var l query.RecallList
	c.getJSON(c.recallPath(), regToken, &l)
	if l.RecallID != c.recallID || l.Level != 1 || l.Status != "open" || l.InitiatedBy != c.imp || l.StartBy == "" || l.CompleteBy == "" {
		t.Fatalf("recall %+v", l)
	}
	want := map[string]query.RecallRow{
		c.imp: {USCC: c.imp, Name: "上海明辉进出口贸易有限公司", Contact: "021-55550000", Affected: 20, InStock: 20},
		c.dst: {USCC: c.dst, Name: "华东食品分销有限公司", Contact: "021-66660000", Affected: 21, InStock: 16, InTransit: 5},
		c.r1:  {USCC: c.r1, Name: "深圳优选超市有限公司", Contact: "0755-1234", Affected: 36, InStock: 24, Sold: 12},
		c.r2:  {USCC: c.r2, Name: "广州好邻居便利店", Contact: "020-5678", Affected: 23, InStock: 23},
	}
	for k, r := range want {
		want[k] = ofTheBatch(r)
	}
	if got := rowsBy(l); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n got %+v\nwant %+v", got, want)
	}
	if l.Progress != (query.RecallProgress{Affected: 100, Accounted: 0, Outstanding: 100, Percent: 0}) {
		t.Fatalf("progress %+v", l.Progress)
	}

	c.returns()
	c.getJSON(c.recallPath(), regToken, &l)
	want[c.dst] = query.RecallRow{USCC: c.dst, Name: "华东食品分销有限公司", Contact: "021-66660000", Affected: 16, InStock: 16}
	want[c.r1] = query.RecallRow{USCC: c.r1, Name: "深圳优选超市有限公司", Contact: "0755-1234", Affected: 36, Sold: 7, Returned: 29}
	want[c.r2] = query.RecallRow{USCC: c.r2, Name: "广州好邻居便利店", Contact: "020-5678", Affected: 28, Destroyed: 28}
	for k, r := range want {
		want[k] = ofTheBatch(r)
	}
	if got := rowsBy(l); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows after returns\n got %+v\nwant %+v", got, want)
	}
	if l.Progress != (query.RecallProgress{Affected: 100, Accounted: 57, Outstanding: 43, Percent: 57}) || l.Status != "open" {
		t.Fatalf("progress %+v status %s", l.Progress, l.Status)
	}
	c.getJSON(c.recallPath()+"?as_of="+later, regToken, &l)
	if l.Status != "overdue" || l.OverdueBy != "complete_by" {
		t.Fatalf("two months on: status %s (%s)", l.Status, l.OverdueBy)
	}
}

func TestRecallAccess(t *testing.T) {
	c := newChain(t)
	cases := []struct {
		name, token string
		status      int
		rows        int
	}{
		{"regulator", regToken, 200, 4},
		{"analyst", anaToken, 200, 4},
		{"initiator sees every holder", c.token(c.imp), 200, 4},
		{"holder sees its own row", c.token(c.r2), 200, 1},
		{"stranger", c.token(c.stranger), 404, 0},
		{"admin", admToken, 403, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := c.get(c.recallPath(), tc.token)
			if rec.Code != tc.status {
				t.Fatalf("status %d %s", rec.Code, rec.Body)
			}
			if tc.status != 200 {
				return
			}
			var l query.RecallList
			c.getJSON(c.recallPath(), tc.token, &l)
			if len(l.Holders) != tc.rows {
				t.Fatalf("%d rows, want %d", len(l.Holders), tc.rows)
			}
			var list struct {
				Recalls []struct {
					RecallID string               `json:"recall_id"`
					Progress query.RecallProgress `json:"progress"`
				} `json:"recalls"`
			}
			c.getJSON("/api/v1/recalls", tc.token, &list)
			if len(list.Recalls) != 1 || list.Recalls[0].RecallID != c.recallID || list.Recalls[0].Progress != l.Progress {
				t.Fatalf("list %+v", list)
			}
		})
	}
	var list struct{ Recalls []any }
	c.getJSON("/api/v1/recalls", c.token(c.stranger), &list)
	if len(list.Recalls) != 0 {
		t.Fatalf("a stranger lists %v", list.Recalls)
	}
	wantError(t, c.get("/api/v1/recalls/nope", regToken), 404, "not_found", "id")
	wantError(t, c.get(c.recallPath()+"?format=pdf", regToken), 400, "invalid", "format")
	wantError(t, c.get(c.recallPath()+"?as_of=yesterday", regToken), 400, "invalid", "as_of")
}

// The CSV and XLSX exports carry the same rows as the JSON list, after
// the header block and the column labels; the CSV starts with a BOM so
// Excel reads the Chinese names.
func TestRecallExportsCarryTheSameRows(t *testing.T) {
	c := newChain(t)
	c.returns()
	var l query.RecallList
	c.getJSON(c.recallPath(), regToken, &l)
	want := [][]string{{"USCC", "Holder", "Contact", "Affected units", "In stock", "In transit", "Sold", "Returned", "Destroyed", "Notified", "Acknowledged at", "Acknowledged"}}
	for _, h := range l.Holders {
		want = append(want, []string{h.USCC, h.Name, h.Contact, itoa(h.Affected), itoa(h.InStock), itoa(h.InTransit), itoa(h.Sold),
			itoa(h.Returned), itoa(h.Destroyed), "no", "", "no"})
	}

	rec := c.get(c.recallPath()+"?format=csv&lang=en", regToken)
	attachment(t, rec, "text/csv; charset=utf-8", ".csv")
	body := rec.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Fatalf("CSV does not start with a UTF-8 BOM: %q", body[:8])
	}
	all, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := exportTable(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("CSV rows\n got %q\nwant %q", got, want)
	}

	rec = c.get(c.recallPath()+"?format=xlsx&lang=en", regToken)
	attachment(t, rec, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err = f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := exportTable(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("XLSX rows\n got %q\nwant %q", got, want)
	}
	first, _ := excelize.CoordinatesToCellName(4, len(all)-len(want)+2)
	if typ, _ := f.GetCellType(f.GetSheetName(0), first); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("counts are written as text (%v), not numbers", typ)
	}

	// An enterprise's export carries only what it may see.
	rec = c.get(c.recallPath()+"?format=csv", c.token(c.r1))
	all, _ = csv.NewReader(bytes.NewReader(rec.Body.Bytes()[3:])).ReadAll()
	if got := exportTable(all); len(got) != 2 || got[1][0] != c.r1 {
		t.Fatalf("retailer's CSV %q", all)
	}
}

// exportTable is a recall export's table: the rows after the header
// block's empty row, trailing empty cells dropped as a sheet drops them.
func exportTable(rows [][]string) [][]string {
	for i, r := range rows {
		if strings.Join(r, "") == "" {
			out := [][]string{}
			for _, r := range rows[i+1:] {
				for len(r) > 0 && r[len(r)-1] == "" {
					r = r[:len(r)-1]
				}
				out = append(out, r)
			}
			return out
		}
	}
	return nil
}

func attachment(t *testing.T, rec *httptest.ResponseRecorder, ctype, ext string) {
	t.Helper()
	if rec.Code != 200 || rec.Header().Get("Content-Type") != ctype {
		t.Fatalf("status %d type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ext) {
		t.Fatalf("Content-Disposition %q", cd)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
