package query

import (
	"strconv"
	"strings"
)

// AlertFilter narrows a report beyond kinds, severities and the
// dashboard's filters: Enterprise keeps the alerts about one USCC.
type AlertFilter struct {
	Enterprise string
}

// AlertSorts are the alert list's sort keys: severity (most severe first
// ascending), kind, due (the date or deadline the alert is about) and
// enterprise (its name). Without a sort the report's own order (most
// urgent first) pages by offset.
var AlertSorts = []string{"severity", "kind", "due", "enterprise"}

// Filter keeps the alerts of rep that f keeps.
func (q *Alerts) Filter(rep AlertReport, f AlertFilter) AlertReport {
	if f.Enterprise == "" {
		return rep
	}
	out := AlertReport{AsOf: rep.AsOf, Alerts: []Alert{}}
	for _, a := range rep.Alerts {
		if a.USCC == f.Enterprise {
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
