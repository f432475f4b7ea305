package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// exportHeads is a ledger head for the export's header block.
type exportHeads struct{}

func (exportHeads) LatestCheckpoint() ([]byte, uint64, [32]byte, bool) {
	return []byte("note"), 42, [32]byte{0xab, 0xcd}, true
}
func (exportHeads) VerifierKey() string { return "key" }

// exportProducts names the chain's product, with a formula-like name a
// spreadsheet must not run.
type exportProducts struct{}

func (exportProducts) ProductName(gtin string) (string, bool) {
	return "=HYPERLINK(\"x\")费列罗", gtin == chainGTIN
}

// TestARecallExportStartsWithItsHeaderBlockInTheReadersLanguage: the
// header block names the recall, its level, product, batch, deadlines, when
// it was generated and the ledger head; labels follow ?lang=, else the
// Accept-Language's preference (Chinese when none); text that a spreadsheet
// would run as a formula is neutralised.
func TestARecallExportStartsWithItsHeaderBlockInTheReadersLanguage(t *testing.T) {
	c := newChainWith(t, exportProducts{}, httpapiWithHeads())
	c.get(c.recallPath(), regToken) // the read models have caught up
	export := func(query, acceptLanguage string) map[string]string {
		t.Helper()
		req := httptest.NewRequestWithContext(t.Context(), "GET", c.recallPath()+"?format=csv"+query, nil)
		req.Header.Set("Authorization", "Bearer "+regToken)
		if acceptLanguage != "" {
			req.Header.Set("Accept-Language", acceptLanguage)
		}
		rec := httptest.NewRecorder()
		c.srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("export%s (%s): %d %s", query, acceptLanguage, rec.Code, rec.Body)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("a strict CSV reader: %v", err)
		}
		block := map[string]string{}
		for _, r := range rows {
			if r[0] == "" {
				break
			}
			block[r[0]] = r[1]
		}
		block["#table"] = strings.Join(exportTable(rows)[0], ",")
		return block
	}
	root := hex.EncodeToString(append([]byte{0xab, 0xcd}, make([]byte, 30)...))
	for _, tc := range []struct {
		name, query, acceptLanguage string
		want                        map[string]string
		table                       string
	}{
		{"Chinese by default", "", "", map[string]string{"召回编号": c.recallID, "召回级别": "1 级", "状态": "进行中",
			"产品": "'=HYPERLINK(\"x\")费列罗 (" + chainGTIN + ")", "批次": chainGTIN + " / " + chainLot, "账本树大小": "42", "账本根哈希": root},
			"统一社会信用代码,持有企业,联系方式,涉及件数,库存,在途"},
		{"Chinese for a reader who prefers it", "", "zh-CN,zh;q=0.9,en;q=0.8", map[string]string{"召回级别": "1 级"}, "统一社会信用代码"},
		{"English for a reader who prefers it", "", "en-GB,en;q=0.9,zh;q=0.5", map[string]string{"Recall id": c.recallID, "Recall level": "Level 1",
			"Status": "Open", "Batches": chainGTIN + " / " + chainLot, "Ledger tree size": "42", "Ledger root hash": root}, "USCC,Holder,Contact,Affected units,In stock,In transit"},
		{"?lang= wins over the header", "&lang=zh", "en", map[string]string{"召回编号": c.recallID}, "统一社会信用代码"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := export(tc.query, tc.acceptLanguage)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (block %q)", k, got[k], v, got)
				}
			}
			for _, k := range []string{"启动期限", "完成期限", "生成时间", "Start by", "Complete by", "Generated at"} {
				if v, ok := got[k]; ok && !strings.HasSuffix(v, "+08:00") {
					t.Errorf("%s = %q, want a China time", k, v)
				}
			}
			if !strings.HasPrefix(got["#table"], tc.table) {
				t.Errorf("table header %q, want it to start %q", got["#table"], tc.table)
			}
		})
	}

	rec := c.get(c.recallPath()+"?format=xlsx&lang=en", regToken)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Recall", "B1"); v != c.recallID {
		t.Fatalf("XLSX B1 = %q, want the recall id", v)
	}
	wantError(t, c.get(c.recallPath()+"?format=csv&lang=fr", regToken), 400, "invalid", "lang")
}

func httpapiWithHeads() httpapi.RecallOption { return httpapi.WithRecallLedgerHead(exportHeads{}) }
