package analytics_test

import (
	"fmt"
	"strings"

	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// The Grafana dashboards of deploy/grafana/dashboards are built here, so
// that their grade SQL comes from grading.json like the API's: a changed
// weight fails TestGrafanaFiles until `go test -run TestGrafanaFiles
// -update` rewrites the files.

// datasourceUID is the provisioned ClickHouse data source
// (deploy/grafana/provisioning/datasources/clickhouse.yaml).
const datasourceUID = "traceledger-clickhouse"

type datasource struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

var clickhouseDS = datasource{Type: "grafana-clickhouse-datasource", UID: datasourceUID}

// target is one query in the plugin's format: format 1 is a table, 0 a
// time series (sqlutil.FormatQueryOption).
type target struct {
	RefID      string     `json:"refId"`
	Datasource datasource `json:"datasource"`
	EditorType string     `json:"editorType"`
	QueryType  string     `json:"queryType"`
	Format     int        `json:"format"`
	RawSQL     string     `json:"rawSql"`
}

type gridPos struct {
	H int `json:"h"`
	W int `json:"w"`
	X int `json:"x"`
	Y int `json:"y"`
}

type panel struct {
	ID          int            `json:"id"`
	Type        string         `json:"type"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	GridPos     gridPos        `json:"gridPos"`
	Datasource  datasource     `json:"datasource"`
	Targets     []target       `json:"targets"`
	FieldConfig map[string]any `json:"fieldConfig"`
	Options     map[string]any `json:"options"`
}

type timeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type dashboard struct {
	UID           string         `json:"uid"`
	Title         string         `json:"title"`
	Description   string         `json:"description"`
	Tags          []string       `json:"tags"`
	Timezone      string         `json:"timezone"`
	SchemaVersion int            `json:"schemaVersion"`
	Version       int            `json:"version"`
	Editable      bool           `json:"editable"`
	Time          timeRange      `json:"time"`
	Refresh       string         `json:"refresh"`
	Annotations   map[string]any `json:"annotations"`
	Templating    map[string]any `json:"templating"`
	Panels        []panel        `json:"panels"`
}

// newDashboard lays panels out left to right, two half-width panels to a
// row, a wide one on a row of its own.
func newDashboard(uid, title, about string, panels ...panel) dashboard {
	x, y := 0, 0
	for i := range panels {
		p := &panels[i]
		p.ID, p.Datasource = i+1, clickhouseDS
		for k := range p.Targets {
			p.Targets[k].Datasource = clickhouseDS
		}
		if p.GridPos.W == 0 {
			p.GridPos.W = 12
		}
		if x+p.GridPos.W > 24 {
			x, y = 0, y+9
		}
		p.GridPos.H, p.GridPos.X, p.GridPos.Y = 9, x, y
		if x += p.GridPos.W; x >= 24 {
			x, y = 0, y+9
		}
		if p.FieldConfig == nil {
			p.FieldConfig = map[string]any{"defaults": map[string]any{}, "overrides": []any{}}
		}
		if p.Options == nil {
			p.Options = map[string]any{}
		}
	}
	return dashboard{UID: uid, Title: title, Description: about, Tags: []string{"traceledger"}, Timezone: "utc",
		SchemaVersion: 39, Version: 1, Editable: true, Time: timeRange{From: "now-1y", To: "now"}, Refresh: "5m",
		Annotations: map[string]any{"list": []any{}}, Templating: map[string]any{"list": []any{}}, Panels: panels}
}

// table and series are panels of one query.
func table(kind, title, about, sql string) panel {
	return panel{Type: kind, Title: title, Description: about,
		Targets: []target{{RefID: "A", EditorType: "sql", QueryType: "table", Format: 1, RawSQL: strings.TrimSpace(sql)}}}
}

func series(title, about, sql string) panel {
	return panel{Type: "timeseries", Title: title, Description: about,
		Targets: []target{{RefID: "A", EditorType: "sql", QueryType: "timeSeries", Format: 0, RawSQL: strings.TrimSpace(sql)}}}
}

func wide(p panel) panel { p.GridPos.W = 24; return p }

// dashboards builds every dashboard, by file name.
func dashboards(c risk.Config) (map[string]dashboard, error) {
	grade, err := chanalytics.DashboardGradeSQL(c)
	if err != nil {
		return nil, err
	}
	var points []string
	for _, f := range c.Factors {
		points = append(points, "c_"+f.Name)
	}
	return map[string]dashboard{
		"risk-overview.json": newDashboard("traceledger-risk", "Traceledger: credit risk",
			"The credit grade (docs/grading.md) computed in ClickHouse as of the end of the time range, and risk events by month.",
			table("barchart", "Enterprises by credit grade",
				"Every known enterprise graded as of the end of the time range; class 4 is dishonest (blacklisted).", fmt.Sprintf(`
SELECT concat('class ', toString(g)) AS grade, sum(n) AS enterprises FROM (
	SELECT grade AS g, count() AS n FROM (%s) GROUP BY g
	UNION ALL
	SELECT arrayJoin([toUInt8(1), toUInt8(2), toUInt8(3), toUInt8(4)]), toUInt64(0))
GROUP BY g ORDER BY g`, grade)),
			series("Risk events by month", "Substantiated complaints, failed inspections, customs rejections, recalls and penalties by month of occurred_at (UTC).", `
SELECT toDateTime(toStartOfMonth(occurred_at), 'UTC') AS time,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS market_inspections_failed,
	countIf(type = 'customs.inspected.v1' AND result = 'fail') AS customs_inspections_failed,
	countIf(type = 'customs.rejected.v1') AS customs_rejections,
	countIf(type = 'recall.started.v1') AS recalls_started,
	countIf(type = 'enterprise.penalty_imposed.v1') AS penalties
FROM events
WHERE $__timeFilter(occurred_at) AND type IN ('complaint.resolved.v1', 'batch.inspected.v1', 'customs.inspected.v1',
	'customs.rejected.v1', 'recall.started.v1', 'enterprise.penalty_imposed.v1')
GROUP BY time ORDER BY time`),
			wide(table("table", "Riskiest enterprises with their factors",
				"The 50 riskiest enterprises (grade, then score, descending). c_<factor> is each factor's contribution in points; they sum to the score. Names are the registered ones (JSON escapes such as \\u0026 show as written).", fmt.Sprintf(`
SELECT uscc, name, grade, score, serious, %s
FROM (%s)
ANY LEFT JOIN (
	SELECT enterprise AS uscc, argMax(visitParamExtractString(data, 'name'), position) AS name
	FROM events WHERE type = 'enterprise.registered.v1' GROUP BY enterprise) USING uscc
ORDER BY grade DESC, score DESC, uscc LIMIT 50`, strings.Join(points, ", "), grade))),
			wide(table("table", "Serious violations in the time range",
				"Violations that force class 4, newest first, with the log position of the event that shows each.", fmt.Sprintf(`
SELECT occurred_at, uscc, kind, position, detail FROM (%s)
WHERE $__timeFilter(occurred_at)
ORDER BY position DESC LIMIT 200`, chanalytics.ViolationsSQL(c)))),
		),
		"quality.json": newDashboard("traceledger-quality", "Traceledger: product quality",
			"Complaint and market-inspection-failure rates by product category and origin country, and sales by channel, over the time range.",
			wide(table("table", "Rates by category", "Complaints filed per 1,000 units sold, substantiated share of resolved complaints, failed share of market inspections.",
				ratesPanelSQL("category"))),
			wide(table("table", "Rates by origin country", "The same by the product's registered origin country.", ratesPanelSQL("origin_country"))),
			table("barchart", "Complaints per 1,000 units by category", "", `
SELECT category, if(units = 0, 0, floor(1000 * (complaints / units) * 10000 + 0.5) / 10000) AS complaints_per_1000_units
FROM (SELECT category, sumIf(quantity, type = 'goods.sold.v1') AS units, countIf(type = 'complaint.filed.v1') AS complaints
	FROM events WHERE $__timeFilter(occurred_at) AND type IN ('goods.sold.v1', 'complaint.filed.v1') GROUP BY category)
ORDER BY complaints_per_1000_units DESC`),
			series("Units sold by channel", "Units sold (labelled and unlabelled) per month and sales channel.", `
SELECT toDateTime(toStartOfMonth(occurred_at), 'UTC') AS time, channel, sum(quantity) AS units
FROM events WHERE type = 'goods.sold.v1' AND $__timeFilter(occurred_at)
GROUP BY time, channel ORDER BY time, channel`),
		),
		"recalls.json": newDashboard("traceledger-recalls", "Traceledger: recalls",
			"Recalls by level and month, their state at the end of the time range, and the holders still to account for units.",
			series("Recalls started by month and level", "", fmt.Sprintf(`
SELECT toDateTime(toStartOfMonth(started_at), 'UTC') AS time,
	countIf(level = 1) AS level_1, countIf(level = 2) AS level_2, countIf(level = 3) AS level_3
FROM (%s) WHERE $__timeFilter(started_at)
GROUP BY time ORDER BY time`, chanalytics.RecallStateSQL)),
			table("table", "Recall state by level", "Open, overdue (open past its completion deadline at the end of the time range) and closed.", fmt.Sprintf(`
SELECT level, count() AS started, countIf(is_closed = 0 AND NOT is_overdue) AS open, countIf(is_overdue) AS overdue,
	countIf(is_closed = 1) AS closed
FROM (SELECT level, closed AS is_closed, closed = 0 AND has_deadline = 1 AND %s > complete_by_ns AS is_overdue FROM (%s))
GROUP BY level ORDER BY level`, toTimeNs, chanalytics.RecallStateSQL)),
			wide(table("table", "Overdue recalls", "Open recalls past their deadline, with the holders still holding units.", fmt.Sprintf(`
SELECT recall_id, level, initiator, started_at, toDateTime(intDiv(complete_by_ns, 1000000000), 'UTC') AS complete_by,
	holders_outstanding, units_outstanding
FROM (%s)
ANY LEFT JOIN (
	SELECT recall_id, countIf(outstanding > 0) AS holders_outstanding, sumIf(outstanding, outstanding > 0) AS units_outstanding
	FROM (SELECT recall_id, holder, argMax(outstanding, position) AS outstanding FROM recall_holders GROUP BY recall_id, holder)
	GROUP BY recall_id) USING recall_id
WHERE closed = 0 AND has_deadline = 1 AND %s > complete_by_ns
ORDER BY complete_by_ns, recall_id`, chanalytics.RecallStateSQL, toTimeNs))),
			wide(table("table", "Holders yet to account", "Affected holders of open recalls with units still in stock or in transit.", fmt.Sprintf(`
SELECT recall_id, holder, outstanding, toDateTime(intDiv(complete_by_ns, 1000000000), 'UTC') AS complete_by
FROM (SELECT recall_id, holder, argMax(outstanding, position) AS outstanding FROM recall_holders GROUP BY recall_id, holder)
ALL INNER JOIN (%s) USING recall_id
WHERE closed = 0 AND outstanding > 0
ORDER BY complete_by_ns, recall_id, holder`, chanalytics.RecallStateSQL))),
		),
	}, nil
}

// toTimeNs is the end of the dashboard's time range in Unix nanoseconds.
const toTimeNs = "(toInt64(toUInt32($__toTime)) * 1000000000)"

// ratesPanelSQL is the API's rates query over the time range, with the
// rates computed as projections/analytics computes them.
func ratesPanelSQL(key string) string {
	return `SELECT key, products, units_sold, complaints,
	if(units_sold = 0, 0, floor(1000 * (complaints / units_sold) * 10000 + 0.5) / 10000) AS complaints_per_1000_units,
	complaints_resolved, complaints_substantiated,
	if(complaints_resolved = 0, 0, floor(complaints_substantiated / complaints_resolved * 10000 + 0.5) / 10000) AS substantiated_share,
	inspections, inspections_failed,
	if(inspections = 0, 0, floor(inspections_failed / inspections * 10000 + 0.5) / 10000) AS failure_rate
FROM (` + chanalytics.RatesSQL(key, "$__timeFilter(occurred_at)") + `)
ORDER BY key`
}
