package query

import (
	"math"
	"time"

	"github.com/traceledger/traceledger/domain/recall"
)

// RecallList is a recall's list as GET /api/v1/recalls/{id} answers it.
type RecallList struct {
	RecallID    string            `json:"recall_id"`
	Level       int               `json:"level"`
	Status      string            `json:"status"`
	OverdueBy   string            `json:"overdue_by,omitempty"`
	Reason      string            `json:"reason"`
	InitiatedBy string            `json:"initiated_by"`
	Batches     []recall.BatchKey `json:"batches"`
	StartedAt   time.Time         `json:"started_at"`
	StartBy     string            `json:"start_by"`
	CompleteBy  string            `json:"complete_by"`
	ClosedAt    *time.Time        `json:"closed_at,omitempty"`
	Holders     []RecallRow       `json:"holders"`
	Progress    RecallProgress    `json:"progress"`
}

// RecallRow is one holder's units across every recalled batch. Affected counts
// the units in the supply chain (in stock, in transit, returned,
// destroyed); units sold to consumers are listed as Sold, reached by the
// public notice, and are not affected until a consumer brings them back.
type RecallRow struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
	Contact   string `json:"contact"`
	Affected  int64  `json:"affected"`
	InStock   int64  `json:"in_stock"`
	InTransit int64  `json:"in_transit"`
	Sold      int64  `json:"sold"`
	Returned  int64  `json:"returned"`
	Destroyed int64  `json:"destroyed"`
	Notified  bool   `json:"notified"`
}

// RecallProgress is how much of the affected units are accounted for (returned
// or destroyed). The recall can close when Accounted equals Affected, which
// is the domain's rule: nothing left in stock or in transit.
type RecallProgress struct {
	Affected  int64   `json:"affected"`
	Accounted int64   `json:"accounted"`
	Percent   float64 `json:"percent"`
}

// RecallProgressOf adds rows up; Percent has one decimal and is 100 when nothing
// is affected.
func RecallProgressOf(rows []RecallRow) RecallProgress {
	var pr RecallProgress
	for _, r := range rows {
		pr.Affected += r.Affected
		pr.Accounted += r.Returned + r.Destroyed
	}
	pr.Percent = 100
	if pr.Affected > 0 {
		pr.Percent = math.Round(float64(pr.Accounted)/float64(pr.Affected)*1000) / 10
	}
	return pr
}

// For is what an enterprise may see of a recall list: all of it when it
// initiated the recall; otherwise only its own row, with the progress of
// that row, since the other holders' stock is their data. ok is false when
// the enterprise neither initiated the recall nor holds any of its units.
func (l RecallList) For(uscc string) (RecallList, bool) {
	if l.InitiatedBy == uscc {
		return l, true
	}
	for _, r := range l.Holders {
		if r.USCC == uscc {
			l.Holders = []RecallRow{r}
			l.Progress = RecallProgressOf(l.Holders)
			return l, true
		}
	}
	return RecallList{}, false
}

// Directory gives an enterprise's name and contact at query time; the
// directory model implements it (ok is false for an unknown USCC).
type Directory interface {
	Enterprise(uscc string) (name, contact string, ok bool)
}
