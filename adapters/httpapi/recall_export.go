package httpapi

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/xuri/excelize/v2"
)

// A recall list export (?format=csv or xlsx) is what a recall team files: a
// header block naming the recall (id, level, status, products, batches,
// deadlines, when it was generated and the ledger head it was read at),
// an empty row, then the holders' table with one row a holder. Headers and
// labels are in ?lang=zh or en; without ?lang, in Chinese unless the
// request's Accept-Language prefers another language. Every row of the CSV
// has the table's width, so a strict CSV reader reads it whole; text cells
// a spreadsheet would read as a formula are neutralised (sheetText), as the
// panel exports do.

// recallColumns are the columns of a recall list export, the JSON row's
// field names (their labels in recallLabels), in the same order in CSV and
// XLSX (acknowledged_at, often empty, before acknowledged: a spreadsheet
// drops a row's trailing empty cells).
var recallColumns = []string{"uscc", "name", "contact", "affected", "in_stock", "in_transit", "sold", "returned", "destroyed", "notified", "acknowledged_at", "acknowledged"}

// recallCounts are the columns of recallColumns written as numbers.
const recallCountsFrom, recallCountsTo = 3, 9

// recallLabels are the recall export's labels in Chinese and English: the
// columns, the header block's fields and the values it translates.
var recallLabels = map[string][2]string{
	"uscc": {"统一社会信用代码", "USCC"}, "name": {"持有企业", "Holder"}, "contact": {"联系方式", "Contact"},
	"affected": {"涉及件数", "Affected units"}, "in_stock": {"库存", "In stock"}, "in_transit": {"在途", "In transit"},
	"sold": {"已售", "Sold"}, "returned": {"已退回", "Returned"}, "destroyed": {"已销毁", "Destroyed"},
	"notified": {"已通知", "Notified"}, "acknowledged_at": {"确认时间", "Acknowledged at"}, "acknowledged": {"已确认", "Acknowledged"},
	"recall_id": {"召回编号", "Recall id"}, "level": {"召回级别", "Recall level"}, "status": {"状态", "Status"},
	"reason": {"召回原因", "Reason"}, "initiated_by": {"召回发起企业", "Initiated by"},
	"products": {"产品", "Products"}, "batches": {"批次", "Batches"},
	"start_by": {"启动期限", "Start by"}, "complete_by": {"完成期限", "Complete by"},
	"generated_at": {"生成时间", "Generated at"}, "ledger_tree_size": {"账本树大小", "Ledger tree size"},
	"ledger_root": {"账本根哈希", "Ledger root hash"}, "no_checkpoint": {"尚无签名检查点", "no signed checkpoint yet"},
	"open": {"进行中", "Open"}, "overdue": {"已逾期", "Overdue"}, "closed": {"已结束", "Closed"},
	"true": {"是", "yes"}, "false": {"否", "no"},
}

// recallLabel is key's label in lang (the key itself when it has none).
func recallLabel(key, lang string) string {
	l, ok := recallLabels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// exportTimeZone is the zone the export's times are written in: the
// ledger's users read China time; the offset is written with each.
var exportTimeZone = time.FixedZone("UTC+8", 8*60*60)

// exportTime is t in China time, RFC 3339 (empty for a zero time).
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(exportTimeZone).Format(time.RFC3339)
}

// exportTimeText is an RFC 3339 text in China time (the text itself when
// it does not parse).
func exportTimeText(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return exportTime(t)
	}
	return s
}

// recallExport is what the export writes beside the list: its language,
// when it is generated, and the ledger head then (ok false: none signed).
type recallExport struct {
	lang     string
	at       time.Time
	treeSize uint64
	root     [32]byte
	headOK   bool
}

// recallExportOf reads the export's language (?lang=, else Accept-Language)
// and the ledger head from heads (nil: none).
func recallExportOf(r *http.Request, heads query.LedgerHeads, now time.Time) (recallExport, error) {
	_, lang, err := exportFormat(r)
	if err != nil {
		return recallExport{}, err
	}
	if r.URL.Query().Get("lang") == "" {
		lang = preferredLang(r.Header.Get("Accept-Language"))
	}
	x := recallExport{lang: lang, at: now}
	if heads != nil {
		_, x.treeSize, x.root, x.headOK = heads.LatestCheckpoint()
	}
	return x, nil
}

// preferredLang is zh when the Accept-Language header is absent or its
// most preferred language is Chinese, en otherwise.
func preferredLang(header string) string {
	best, bestQ := "", -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if tag == "" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ {
			best, bestQ = strings.ToLower(tag), q
		}
	}
	if best == "" || best == "*" || best == "zh" || strings.HasPrefix(best, "zh-") {
		return "zh"
	}
	return "en"
}

// recallHeader is the header block: one [label, value] pair a row.
func recallHeader(l query.RecallList, x recallExport) [][2]string {
	lang := x.lang
	level := strconv.Itoa(l.Level) + " 级"
	if lang == "en" {
		level = "Level " + strconv.Itoa(l.Level)
	}
	products := make([]string, len(l.Products))
	for i, p := range l.Products {
		products[i] = p.GTIN
		if p.Name != "" {
			products[i] = p.Name + " (" + p.GTIN + ")"
		}
	}
	batches := make([]string, len(l.Batches))
	for i, b := range l.Batches {
		batches[i] = b.GTIN + " / " + b.Lot
	}
	rows := [][2]string{
		{recallLabel("recall_id", lang), l.RecallID},
		{recallLabel("level", lang), level},
		{recallLabel("status", lang), recallLabel(l.Status, lang)},
		{recallLabel("reason", lang), l.Reason},
		{recallLabel("initiated_by", lang), l.InitiatedBy},
		{recallLabel("products", lang), strings.Join(products, "; ")},
		{recallLabel("batches", lang), strings.Join(batches, "; ")},
		{recallLabel("start_by", lang), exportTimeText(l.StartBy)},
		{recallLabel("complete_by", lang), exportTimeText(l.CompleteBy)},
		{recallLabel("generated_at", lang), exportTime(x.at)},
	}
	if x.headOK {
		rows = append(rows, [2]string{recallLabel("ledger_tree_size", lang), strconv.FormatUint(x.treeSize, 10)},
			[2]string{recallLabel("ledger_root", lang), hex.EncodeToString(x.root[:])})
	} else {
		rows = append(rows, [2]string{recallLabel("ledger_tree_size", lang), recallLabel("no_checkpoint", lang)})
	}
	return rows
}

// recallRecords are the export's rows as text, each as wide as the table:
// the header block, an empty row, the column labels, then one row a holder.
// Text is neutralised for spreadsheets; the table starts at row
// len(recallHeader)+1 (0-based).
func recallRecords(l query.RecallList, x recallExport) [][]string {
	width := len(recallColumns)
	row := func(cells ...string) []string {
		out := make([]string, width)
		for i, c := range cells {
			out[i] = sheetText(c)
		}
		return out
	}
	var out [][]string
	for _, kv := range recallHeader(l, x) {
		out = append(out, row(kv[0], kv[1]))
	}
	out = append(out, row())
	labels := make([]string, width)
	for i, c := range recallColumns {
		labels[i] = recallLabel(c, x.lang)
	}
	out = append(out, row(labels...))
	yes := func(v bool) string { return recallLabel(strconv.FormatBool(v), x.lang) }
	for _, h := range l.Holders {
		n := func(v int64) string { return strconv.FormatInt(v, 10) }
		out = append(out, row(h.USCC, h.Name, h.Contact, n(h.Affected), n(h.InStock), n(h.InTransit), n(h.Sold),
			n(h.Returned), n(h.Destroyed), yes(h.Notified), ackAt(h), yes(h.Acknowledged)))
	}
	return out
}

// ackAt is when the holder acknowledged the notice, in China time, or empty.
func ackAt(h query.RecallRow) string {
	if h.AcknowledgedAt == nil {
		return ""
	}
	return exportTime(*h.AcknowledgedAt)
}

// utf8BOM starts the CSV so that Excel reads it as UTF-8 (Chinese names).
const utf8BOM = "\ufeff"

func writeRecallCSV(w http.ResponseWriter, l query.RecallList, x recallExport) error {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	if err := cw.WriteAll(recallRecords(l, x)); err != nil {
		return fmt.Errorf("recall %s as CSV: %w", l.RecallID, err)
	}
	writeRecallFile(w, "text/csv; charset=utf-8", "recall-"+l.RecallID+".csv", b.Bytes())
	return nil
}

// recallSheet is the XLSX export's one sheet, in each language.
var recallSheet = map[string]string{"zh": "召回清单", "en": "Recall"}

func writeRecallXLSX(w http.ResponseWriter, l query.RecallList, x recallExport) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := recallSheet[x.lang]
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("recall %s as XLSX: %w", l.RecallID, err)
	}
	table := len(recallHeader(l, x)) + 1
	for i, rec := range recallRecords(l, x) {
		for len(rec) > 0 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1] // the CSV's padding: a sheet needs none
		}
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if i > table && j >= recallCountsFrom && j < recallCountsTo {
				row[j], _ = strconv.ParseInt(v, 10, 64) // counts as numbers
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("recall %s as XLSX: %w", l.RecallID, err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return fmt.Errorf("recall %s as XLSX: %w", l.RecallID, err)
	}
	writeRecallFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "recall-"+l.RecallID+".xlsx", b.Bytes())
	return nil
}

// writeRecallFile answers a file download.
func writeRecallFile(w http.ResponseWriter, contentType, filename string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
