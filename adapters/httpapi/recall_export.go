package httpapi

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/xuri/excelize/v2"
)

// recallColumns are the columns of a recall list export, the JSON row's
// field names, in the same order in CSV and XLSX (acknowledged_at, often
// empty, before acknowledged: a spreadsheet drops a row's trailing empty
// cells).
var recallColumns = []string{"uscc", "name", "contact", "affected", "in_stock", "in_transit", "sold", "returned", "destroyed", "notified", "acknowledged_at", "acknowledged"}

// recallRecords are the export's rows as text: the header, then one row a
// holder.
func recallRecords(l query.RecallList) [][]string {
	out := [][]string{recallColumns}
	for _, h := range l.Holders {
		n := func(v int64) string { return strconv.FormatInt(v, 10) }
		out = append(out, []string{h.USCC, h.Name, h.Contact, n(h.Affected), n(h.InStock), n(h.InTransit), n(h.Sold),
			n(h.Returned), n(h.Destroyed), strconv.FormatBool(h.Notified), ackAt(h), strconv.FormatBool(h.Acknowledged)})
	}
	return out
}

// ackAt is when the holder acknowledged the notice, RFC 3339, or empty.
func ackAt(h query.RecallRow) string {
	if h.AcknowledgedAt == nil {
		return ""
	}
	return h.AcknowledgedAt.UTC().Format(time.RFC3339)
}

// utf8BOM starts the CSV so that Excel reads it as UTF-8 (Chinese names).
const utf8BOM = "\ufeff"

func writeRecallCSV(w http.ResponseWriter, l query.RecallList) error {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	cw := csv.NewWriter(&b)
	if err := cw.WriteAll(recallRecords(l)); err != nil {
		return fmt.Errorf("recall %s as CSV: %w", l.RecallID, err)
	}
	writeRecallFile(w, "text/csv; charset=utf-8", "recall-"+l.RecallID+".csv", b.Bytes())
	return nil
}

// recallSheet is the XLSX export's one sheet.
const recallSheet = "Recall"

func writeRecallXLSX(w http.ResponseWriter, l query.RecallList) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", recallSheet); err != nil {
		return fmt.Errorf("recall %s as XLSX: %w", l.RecallID, err)
	}
	for i, rec := range recallRecords(l) {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if i > 0 && j >= 3 && j < 9 {
				row[j], _ = strconv.ParseInt(v, 10, 64) // counts as numbers
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(recallSheet, cell, &row); err != nil {
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
