package httpapi

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// The data routes behind the dashboard's panels answer ?format=csv and
// ?format=xlsx besides JSON: the panel's table with human column headers
// in ?lang=zh (default) or en. The XLSX has a second sheet naming the
// filters the answer applied and the time of the export; the CSV starts
// with a byte order mark so that Excel reads Chinese. Text cells that a
// spreadsheet would read as a formula are neutralised as the browser's CSV
// export does (sheetText).

// panelTable is a panel's data as a table: headers (column label keys)
// and rows of numbers and text.
type panelTable struct {
	name    string
	columns []string
	rows    [][]any
}

// exportFormat reads ?format= ("" for JSON) and ?lang= (zh by default).
func exportFormat(r *http.Request) (format, lang string, err error) {
	v := r.URL.Query()
	switch format = v.Get("format"); format {
	case "", "json":
		format = ""
	case "csv", "xlsx":
	default:
		return "", "", domain.Invalid("format", "want_json_csv_or_xlsx", "%q: want json, csv or xlsx", truncate(format))
	}
	switch lang = v.Get("lang"); lang {
	case "":
		lang = "zh"
	case "zh", "en":
	default:
		return "", "", domain.Invalid("lang", "want_zh_or_en", "%q: want zh or en", truncate(lang))
	}
	return format, lang, nil
}

// exportLabels are the column headers, in Chinese and English.
var exportLabels = map[string][2]string{
	"grade": {"等级", "Grade"}, "enterprises": {"企业数", "Enterprises"},
	"name": {"企业名称", "Enterprise"}, "uscc": {"统一社会信用代码", "USCC"}, "blacklisted": {"黑名单", "Blacklisted"},
	"score": {"风险分", "Risk score"},
	"month": {"月份", "Month"}, "complaints_filed": {"投诉受理", "Complaints filed"},
	"complaints_substantiated": {"投诉属实", "Complaints substantiated"}, "market_inspections": {"市场抽检", "Market inspections"},
	"market_inspections_failed":  {"市场抽检不合格", "Market inspections failed"},
	"customs_inspections_failed": {"海关查验不合格", "Customs inspections failed"}, "customs_rejections": {"海关退运/销毁", "Customs rejections"},
	"recalls_started": {"启动召回", "Recalls started"}, "penalties": {"行政处罚", "Penalties"}, "penalty_amount_cny": {"罚款金额（元）", "Penalty amount (CNY)"},
	"category": {"产品类别", "Category"}, "origin_country": {"原产国", "Origin country"}, "region": {"地区", "Region"},
	"operator": {"经营者", "Operator"}, "products": {"产品数", "Products"}, "units_sold": {"销售件数", "Units sold"},
	"complaints": {"投诉数", "Complaints"}, "complaints_per_1000_units": {"每千件投诉", "Complaints per 1,000 units"},
	"inspections": {"抽检次数", "Inspections"}, "inspections_failed": {"抽检不合格", "Inspections failed"},
	"failure_rate": {"不合格率（%）", "Failure rate (%)"}, "operators": {"经营者数", "Operators"},
	"recalls": {"召回数", "Recalls"}, "withdrawals": {"下架数", "Withdrawals"},
	"level": {"召回级别", "Recall level"}, "started": {"已启动", "Started"}, "open": {"进行中", "Open"},
	"overdue": {"已逾期", "Overdue"}, "closed": {"已结束", "Closed"},
	"severity": {"严重程度", "Severity"}, "kind": {"预警类型", "Alert kind"}, "gtin": {"商品条码", "GTIN"},
	"lot": {"批号", "Lot"}, "units": {"件数", "Units"}, "due": {"到期/截止", "Due"}, "message": {"说明", "Message"},
	// The filters sheet.
	"filter": {"筛选条件", "Filter"}, "value": {"取值", "Value"}, "exported_at": {"导出时间", "Exported at"},
	"as_of": {"截至", "As of"}, "from": {"起始日（中国日）", "From (China day)"}, "to": {"截止日（中国日）", "To (China day)"},
	"by": {"分组", "Grouped by"}, "after": {"起始序号", "After"}, "limit": {"条数上限", "Limit"}, "expiry_days": {"临期天数", "Expiry days"},
	"origin": {"原产国", "Origin country"},
}

// label is key's header in lang.
func label(key, lang string) string {
	l, ok := exportLabels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// tableOf is a dashboard answer as its panel's table; ok is false for an
// answer no panel shows.
func tableOf(v any) (panelTable, bool) {
	n := func(x int64) any { return x }
	switch a := v.(type) {
	case query.GradeDistribution:
		t := panelTable{name: "grades", columns: []string{"grade", "enterprises"}}
		for _, g := range a.Grades {
			t.rows = append(t.rows, []any{g.Grade, g.Enterprises})
		}
		return t, true
	case query.TopRisks:
		t := panelTable{name: "top-risks", columns: []string{"name", "uscc", "grade", "blacklisted", "score"}}
		for _, e := range a.Enterprises {
			t.rows = append(t.rows, []any{e.Name, e.USCC, e.Grade, e.Blacklisted, e.Score})
		}
		return t, true
	case query.RiskTrend:
		t := panelTable{name: "risk-trend", columns: []string{"month", "complaints_filed", "complaints_substantiated", "market_inspections",
			"market_inspections_failed", "customs_inspections_failed", "customs_rejections", "recalls_started", "penalties", "penalty_amount_cny"}}
		for _, m := range a.Months {
			t.rows = append(t.rows, []any{m.Month, n(m.ComplaintsFiled), n(m.ComplaintsSubstantiated), n(m.MarketInspections),
				n(m.MarketInspectionsFailed), n(m.CustomsInspectionsFailed), n(m.CustomsRejections), n(m.RecallsStarted), n(m.Penalties), n(m.PenaltyAmountCNY)})
		}
		return t, true
	case query.Rates:
		t := panelTable{name: "rates-" + a.By, columns: []string{a.By}}
		if a.By == string(query.ByOperator) {
			t.columns = append(t.columns, "name", "region")
		}
		t.columns = append(t.columns, "products", "units_sold", "complaints", "complaints_per_1000_units", "complaints_substantiated",
			"inspections", "inspections_failed", "failure_rate")
		for _, g := range a.Groups {
			row := []any{g.Key}
			if a.By == string(query.ByOperator) {
				row = append(row, g.Name, g.Region)
			}
			t.rows = append(t.rows, append(row, n(g.Products), n(g.UnitsSold), n(g.Complaints), g.ComplaintsPer1000Units,
				n(g.ComplaintsSubstantiated), n(g.Inspections), n(g.InspectionsFailed), float64(int64(g.FailureRate*10000+0.5))/100))
		}
		return t, true
	case query.RecallDashboard:
		t := panelTable{name: "recalls", columns: []string{"level", "started", "open", "overdue", "closed"}}
		for _, l := range a.Levels {
			t.rows = append(t.rows, []any{l.Level, n(l.Started), n(l.Open), n(l.Overdue), n(l.Closed)})
		}
		return t, true
	case alertsJSON:
		t := panelTable{name: "alerts", columns: []string{"severity", "kind", "name", "uscc", "gtin", "lot", "units", "due", "message"}}
		for _, x := range a.Alerts {
			t.rows = append(t.rows, []any{x.Severity, x.Kind, x.Name, x.USCC, x.GTIN, x.Lot, n(x.Units), x.Due, x.Message})
		}
		return t, true
	}
	return panelTable{}, false
}

// sheetText neutralises a text cell a spreadsheet would read as a formula
// (a leading = + - @, tab or carriage return) with a leading apostrophe:
// names and messages in the ledger are untrusted.
func sheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// exportedFilters are the request's parameters the answer applied, as the
// filters sheet lists them, in a fixed order.
var exportedFilters = []string{"as_of", "region", "category", "origin", "from", "to", "by", "kind", "severity", "expiry_days", "after", "limit"}

// writePanel answers v as the panel's table in format (csv or xlsx).
func writePanel(w http.ResponseWriter, r *http.Request, v any, format, lang string, now time.Time) error {
	t, ok := tableOf(v)
	if !ok {
		return fmt.Errorf("export: no panel shows %T", v)
	}
	headers := make([]string, len(t.columns))
	for i, c := range t.columns {
		headers[i] = label(c, lang)
	}
	filename := "dashboard-" + t.name + "." + format
	if format == "csv" {
		var b bytes.Buffer
		b.WriteString(utf8BOM)
		cw := csv.NewWriter(&b)
		cw.UseCRLF = true
		_ = cw.Write(headers)
		for _, row := range t.rows {
			rec := make([]string, len(row))
			for i, c := range row {
				if s, ok := c.(string); ok {
					rec[i] = sheetText(s)
				} else {
					rec[i] = fmt.Sprint(c)
				}
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("export %s as CSV: %w", t.name, err)
		}
		writeRecallFile(w, "text/csv; charset=utf-8", filename, b.Bytes())
		return nil
	}
	body, err := panelXLSX(r, t, headers, lang, now)
	if err != nil {
		return fmt.Errorf("export %s as XLSX: %w", t.name, err)
	}
	writeRecallFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename, body)
	return nil
}

// panelXLSX is the table on a first sheet (headers, then one row per
// row, numbers as numbers) and the filters applied with the export's time
// on a second.
func panelXLSX(r *http.Request, t panelTable, headers []string, lang string, now time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	data, filters := "数据", "筛选条件"
	if lang == "en" {
		data, filters = "Data", "Filters"
	}
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return nil, err
	}
	put := func(sheet string, i int, row []any) error {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		for j, c := range row {
			if s, ok := c.(string); ok {
				row[j] = sheetText(s)
			}
		}
		return f.SetSheetRow(sheet, cell, &row)
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = h
	}
	if err := put(data, 0, head); err != nil {
		return nil, err
	}
	for i, row := range t.rows {
		if err := put(data, i+1, append([]any(nil), row...)); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet(filters); err != nil {
		return nil, err
	}
	rows := [][]any{{label("filter", lang), label("value", lang)}, {label("exported_at", lang), now.UTC().Format(time.RFC3339)}}
	q := r.URL.Query()
	for _, k := range exportedFilters {
		if vs := q[k]; len(vs) > 0 && strings.Join(vs, "") != "" {
			rows = append(rows, []any{label(k, lang), strings.Join(vs, ", ")})
		}
	}
	for i, row := range rows {
		if err := put(filters, i, row); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
