package query

import (
	"strconv"
	"strings"
)

// AlertFilter narrows a report beyond kinds and severities: Region keeps
// the alerts about enterprises registered in that region, Enterprise those
// about one USCC.
type AlertFilter struct {
	Region     string
	Enterprise string
}

// AlertSorts are the alert list's sort keys: severity (most severe first
// ascending), kind, due (the date or deadline the alert is about) and
// enterprise (its name). Without a sort the report's own order (most
// urgent first) pages by offset.
var AlertSorts = []string{"severity", "kind", "due", "enterprise"}

// WithDirectory lets the alerts be kept by the region their enterprise is
// registered in; without it a region filter keeps nothing.
func (q *Alerts) WithDirectory(d EnterpriseDirectoryModel) *Alerts {
	q.dir = d
	return q
}

// Filter keeps the alerts of rep that f keeps.
func (q *Alerts) Filter(rep AlertReport, f AlertFilter) AlertReport {
	if f.Region == "" && f.Enterprise == "" {
		return rep
	}
	in := map[string]bool{}
	if f.Region != "" && q.dir != nil {
		for _, e := range q.dir.Enterprises() {
			if e.Region == f.Region {
				in[e.USCC] = true
			}
		}
	}
	out := AlertReport{AsOf: rep.AsOf, Alerts: []Alert{}}
	for _, a := range rep.Alerts {
		if (f.Region == "" || in[a.USCC]) && (f.Enterprise == "" || a.USCC == f.Enterprise) {
			out.Alerts = append(out.Alerts, a)
		}
	}
	return out
}

// SortedPage is a page of rep's alerts under pg's sort, after pg's opaque
// cursor (the directories' convention): next is "" on the last page.
func SortedPage(rep AlertReport, pg DirectoryPage) ([]Alert, string, error) {
	rank := map[string]string{"high": "0", "medium": "1", "low": "2"}
	return pageSorted(rep.Alerts, pg, AlertSorts, map[string]func(Alert) sortKey{
		"severity":   func(a Alert) sortKey { return sortKey{cmpOr(rank[a.Severity], "9") + a.Kind, alertID(a)} },
		"kind":       func(a Alert) sortKey { return sortKey{a.Kind, alertID(a)} },
		"due":        func(a Alert) sortKey { return sortKey{a.Due, alertID(a)} },
		"enterprise": func(a Alert) sortKey { return sortKey{a.Name + "\x00" + a.USCC, alertID(a)} },
	})
}

// alertID names an alert uniquely within a report: what it is about.
func alertID(a Alert) string {
	return strings.Join([]string{a.Kind, a.USCC, a.GTIN, a.Lot, a.RecallID, a.ComplaintID, a.OrderID, a.Reason, a.Due,
		strconv.FormatBool(a.Overdue)}, "|")
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
