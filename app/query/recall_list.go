package query

import (
	"math"
	"slices"
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
	// Products are the recalled batches' products, each once, in the order
	// of Batches, with the name it was registered under (empty when the
	// product directory does not know it).
	Products []RecallProduct `json:"products"`
	// Reminders are the reminders sent to the holders yet to acknowledge
	// the notice, oldest first (an enterprise that did not start the recall
	// sees only those that reminded it, naming only itself).
	Reminders []RecallReminder `json:"reminders"`
}

// RecallProduct is a recalled product: its GTIN and registered name.
type RecallProduct struct {
	GTIN string `json:"gtin"`
	Name string `json:"name"`
}

// RecallReminder is one reminder: when (the ledger's time), the holders it
// reminded and its note.
type RecallReminder struct {
	At      time.Time `json:"at"`
	Holders []string  `json:"holders"`
	Note    string    `json:"note,omitempty"`
}

// RecallBatchUnits is one holder's units of one recalled batch, counted as
// RecallRow counts them across batches.
type RecallBatchUnits struct {
	GTIN      string `json:"gtin"`
	Lot       string `json:"lot"`
	InStock   int64  `json:"in_stock"`
	InTransit int64  `json:"in_transit"`
	Sold      int64  `json:"sold"`
	Returned  int64  `json:"returned"`
	Destroyed int64  `json:"destroyed"`
	Consumed  int64  `json:"consumed,omitempty"`
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
	// Reminders counts the reminders that named the holder, the last at
	// RemindedAt.
	Reminders  int        `json:"reminders,omitempty"`
	RemindedAt *time.Time `json:"reminded_at,omitempty"`
	// Batches are the holder's units per recalled batch (the drill-down of
	// the row), in the order of the recall's batches; a batch it has no
	// unit of is left out.
	Batches []RecallBatchUnits `json:"batches"`
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
			l.Reminders = remindersOf(l.Reminders, uscc)
			return l, true
		}
	}
	return RecallList{}, false
}

// remindersOf are the reminders that named uscc, each naming it alone:
// whom else a reminder named is the initiator's data.
func remindersOf(rs []RecallReminder, uscc string) []RecallReminder {
	out := []RecallReminder{}
	for _, r := range rs {
		if slices.Contains(r.Holders, uscc) {
			out = append(out, RecallReminder{At: r.At, Holders: []string{uscc}, Note: r.Note})
		}
	}
	return out
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
