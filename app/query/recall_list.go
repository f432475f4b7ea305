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
	// Derived are those of Batches the recall reached because they were
	// made of a named batch.
	Derived    []recall.BatchKey `json:"derived,omitempty"`
	StartedAt  time.Time         `json:"started_at"`
	StartBy    string            `json:"start_by"`
	CompleteBy string            `json:"complete_by"`
	ClosedAt   *time.Time        `json:"closed_at,omitempty"`
	// The recall plan (empty on recalls recorded before it was kept).
	Hazard        string `json:"hazard,omitempty"`
	HazardKnownAt string `json:"hazard_known_at,omitempty"`
	Scope         string `json:"scope,omitempty"`
	Measures      string `json:"measures,omitempty"`
	Contact       string `json:"contact,omitempty"`
	// PublicNotice is the regulator's decision that the public notice
	// suffices for the units sold to consumers (absent: none).
	PublicNotice *RecallPublicNotice `json:"public_notice,omitempty"`
	// Accounting is the closing record: what was accounted for and how.
	Accounting *recall.Accounting `json:"accounting,omitempty"`
	Holders    []RecallRow        `json:"holders"`
	Progress   RecallProgress     `json:"progress"`
}

// RecallPublicNotice is a regulator's acceptance of a recall's public notice
// for the sold units: Sold at the decision.
type RecallPublicNotice struct {
	Notice     string    `json:"notice"`
	Sold       int64     `json:"sold"`
	AcceptedAt time.Time `json:"accepted_at"`
}

// RecallRow is one holder's units across every recalled batch. Affected counts
// every unit of the recalled batches that reached the holder and is still
// counted there: in stock, in transit, sold to consumers (Sold, until a
// consumer brings it back), returned and destroyed. Notified says the notice
// is known to have reached the holder: a webhook delivery, or the holder's
// acknowledgement in its inbox.
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
	// Consumed units were used up in transformations: the batches made of
	// them are in the recall too (RecallList.Derived).
	Consumed int64 `json:"consumed,omitempty"`
	// Containers are the cases and pallets (SSCCs) holding the holder's
	// packed units of the recalled batches.
	Containers []string `json:"containers,omitempty"`
	Notified   bool     `json:"notified"`
	// Acknowledged: the holder acknowledged the notice in its inbox, at
	// AcknowledgedAt, with its note.
	Acknowledged   bool       `json:"acknowledged"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	AckNote        string     `json:"acknowledgement_note,omitempty"`
}

// RecallProgress is how much of the affected units are accounted for:
// returned or destroyed (consumer returns included), and the units sold to
// consumers once a regulator accepted the public notice for them
// (ByPublicNotice). Outstanding is what is not: the recall can close when it
// is zero, the domain's rule.
type RecallProgress struct {
	Affected       int64   `json:"affected"`
	Accounted      int64   `json:"accounted"`
	ByPublicNotice int64   `json:"by_public_notice"`
	Outstanding    int64   `json:"outstanding"`
	Percent        float64 `json:"percent"`
}

// RecallProgressOf adds rows up, counting sold units as accounted when
// publicNotice (accepted); Percent has one decimal and is 100 when nothing
// is affected.
func RecallProgressOf(rows []RecallRow, publicNotice bool) RecallProgress {
	var pr RecallProgress
	for _, r := range rows {
		pr.Affected += r.Affected
		pr.Accounted += r.Returned + r.Destroyed
		if publicNotice {
			pr.ByPublicNotice += r.Sold
		}
	}
	pr.Accounted += pr.ByPublicNotice
	pr.Outstanding = pr.Affected - pr.Accounted
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
			l.Progress = RecallProgressOf(l.Holders, l.PublicNotice != nil)
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

// RecallNotice is one recall notice in a holder's inbox: the recall, with
// its plan and the holder's own row only, and whether the holder
// acknowledged it. Position is the recall's log position, the page cursor.
type RecallNotice struct {
	Position      uint64 `json:"position"`
	InitiatorName string `json:"initiator_name,omitempty"`
	Acknowledged  bool   `json:"acknowledged"`
	RecallList
}
