package recall

import (
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// TypeHoldersReminded names the event that records a reminder sent to the
// holders who have not acknowledged a recall's notice.
const TypeHoldersReminded = "recall.holders_reminded.v1"

// HoldersReminded: the initiator or a regulator reminded the holders who had
// not acknowledged the recall notice. RemindedAt is the ledger's time of the
// reminder (RFC 3339), whatever occurred_at the client claimed: the interval
// between reminders is judged at it. Note is the reminder's optional text.
type HoldersReminded struct {
	RecallID    string   `json:"recall_id"`
	HolderUSCCs []string `json:"holder_usccs"`
	RemindedAt  string   `json:"reminded_at"`
	Note        string   `json:"note,omitempty"`
}

// EventType names the event.
func (HoldersReminded) EventType() string { return TypeHoldersReminded }

// MinReminderInterval is how long a reminded holder is not reminded again:
// a second click is not a second reminder.
const MinReminderInterval = time.Hour

// RemindHolders reminds the holders of units of the recalled batches who have
// not acknowledged the notice (unacknowledged, as the batches and the notice
// streams say now), at the ledger's time at. By a regulator or the
// initiating enterprise (anyone else is answered as if the recall did not
// exist), while the recall is open. The initiator is never reminded of its
// own recall, and a holder reminded less than MinReminderInterval ago is not
// reminded again; when nobody is left, the reminder is refused.
func (r *Recall) RemindHolders(by access.Actor, unacknowledged []string, note string, at time.Time) error {
	if !r.Exists() || by.ActsFor(r.s.InitiatedByUSCC, "id") != nil {
		return domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall_closed", "recall %s is closed", r.s.RecallID)
	}
	var due []string
	recent := 0
	for _, u := range unacknowledged {
		if u == "" || u == r.s.InitiatedByUSCC || slices.Contains(due, u) {
			continue
		}
		if last, ok := r.reminded[u]; ok && at.Sub(last) < MinReminderInterval {
			recent++
			continue
		}
		due = append(due, u)
	}
	if len(due) == 0 {
		if recent > 0 {
			return domain.Conflict("recall_reminded_recently", "recall %s: the %d holders yet to acknowledge were reminded less than %d minutes ago", r.s.RecallID, recent, int(MinReminderInterval.Minutes()))
		}
		return domain.Conflict("recall_nobody_to_remind", "recall %s: every holder acknowledged the notice, nobody to remind", r.s.RecallID)
	}
	slices.Sort(due)
	r.Raise(HoldersReminded{RecallID: r.s.RecallID, HolderUSCCs: due, RemindedAt: at.UTC().Format(time.RFC3339), Note: strings.TrimSpace(note)}, r.apply)
	return nil
}

// remember records a reminder's holders and time for the interval rule.
func (r *Recall) remember(ev HoldersReminded) {
	at, err := time.Parse(time.RFC3339, ev.RemindedAt)
	if err != nil {
		return
	}
	if r.reminded == nil {
		r.reminded = map[string]time.Time{}
	}
	for _, u := range ev.HolderUSCCs {
		r.reminded[u] = at
	}
}
