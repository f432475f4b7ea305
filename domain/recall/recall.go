package recall

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Recall is one recall.
type Recall struct {
	aggregate.Root
	s      Started
	closed bool
	// notice is the regulator's decision that the public notice suffices
	// for the units sold to consumers (nil: none).
	notice *PublicNoticeAccepted
	// reminded is when each holder was last reminded (HoldersReminded).
	reminded map[string]time.Time
}

// Plan is the recall plan a recall records besides its batches, level and
// reason: the hazard, when it became known (zero: when the recall is
// recorded), the scope (products, region, channels), the measures asked of
// holders and consumers, and whom to contact.
type Plan struct {
	Hazard        string
	HazardKnownAt time.Time
	Scope         string
	Measures      string
	Contact       string
	// Outputs are the batches made, through transformations, of the named
	// ones: a recall of an input reaches every output, so the recall names
	// them too (Started.Derived says which).
	Outputs []BatchKey
}

// MaxHazardAge is how long before the recall's record the hazard may have
// become known: older is a mistyped date, not a recall plan.
const MaxHazardAge = 366 * 24 * time.Hour

// Totals are the affected units of a recall across its holders, counted as
// batch tallies count them.
type Totals struct {
	InStock, InTransit, Sold, Returned, Destroyed int64
}

// Affected is every unit of the recalled batches downstream of the
// recaller, including units sold to consumers.
func (t Totals) Affected() int64 {
	return t.InStock + t.InTransit + t.Sold + t.Returned + t.Destroyed
}

// Stream is the recall's stream name.
func Stream(id string) string { return "recall-" + id }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeStarted: aggregate.As[Started](),
	TypeClosed:  aggregate.As[Closed](),

	TypePublicNoticeAccepted: aggregate.As[PublicNoticeAccepted](),
	TypeHoldersReminded:      aggregate.As[HoldersReminded](),
}

// Load rebuilds a recall from its stream.
func Load(recs []event.Record) (*Recall, error) {
	r := &Recall{}
	return r, aggregate.Replay("recall", recs, Decoders, &r.Root, r.apply)
}

// Start begins the recall at time at (the ledger's clock) with its plan.
// The level sets the deadlines: start_by runs from when the hazard became
// known, complete_by (working days) from the recall's record.
func (r *Recall) Start(id string, batches []BatchKey, level Level, reason, initiatedBy string, plan Plan, at time.Time) error {
	if r.Exists() {
		return domain.Conflict("recall_already_exists", "recall %s already exists", id)
	}
	if len(batches) == 0 {
		return domain.Invalid("batches", "at_least_one_batch_required", "at least one batch is required")
	}
	seen := make(map[BatchKey]bool, len(batches))
	for i, k := range batches {
		if seen[k] {
			return domain.Invalid(fmt.Sprintf("batches[%d]", i), "batch_given_twice", "batch given twice")
		}
		seen[k] = true
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	known := at
	if !plan.HazardKnownAt.IsZero() {
		known = plan.HazardKnownAt.UTC()
		if known.After(at) {
			return domain.Invalid("hazard_known_at", "later_than_ledger_time", "%s is later than the ledger's time %s", known.Format(time.RFC3339), at.UTC().Format(time.RFC3339))
		}
		if at.Sub(known) > MaxHazardAge {
			return domain.Invalid("hazard_known_at", "more_than_year_before_recall", "%s is more than a year before the recall", known.Format(time.RFC3339))
		}
	}
	var derived []BatchKey
	for _, k := range plan.Outputs {
		if !seen[k] {
			seen[k] = true
			derived = append(derived, k)
		}
	}
	if len(derived) > 0 {
		batches = append(slices.Clip(batches), derived...)
	}
	startBy, _ := level.Deadlines(known)
	_, completeBy := level.Deadlines(at)
	s := Started{RecallID: id, Batches: batches, Level: int(level), Reason: reason, InitiatedByUSCC: initiatedBy,
		StartBy: startBy.Format(time.RFC3339), CompleteBy: completeBy.Format(time.RFC3339),
		Hazard: strings.TrimSpace(plan.Hazard), Scope: strings.TrimSpace(plan.Scope), Measures: strings.TrimSpace(plan.Measures),
		Contact: strings.TrimSpace(plan.Contact), Derived: derived}
	if !plan.HazardKnownAt.IsZero() {
		s.HazardKnownAt = known.Format(time.RFC3339)
	}
	r.Raise(s, r.apply)
	return nil
}

// Close closes the recall, by a regulator or the initiating enterprise,
// when every affected unit is accounted for: none in stock or in transit,
// and none sold to consumers unless a regulator accepted the public notice
// for them. The closed event records the accounting.
func (r *Recall) Close(by access.Actor, t Totals) error {
	// Whoever may not close it is answered as if it did not exist: the
	// answer names nobody's data.
	if !r.Exists() || by.ActsFor(r.s.InitiatedByUSCC, "id") != nil {
		return domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall_already_closed", "recall %s is already closed", r.s.RecallID)
	}
	if held := t.InStock + t.InTransit; held > 0 {
		return domain.Conflict("recall_still_has_units_unaccounted", "recall %s still has %d units unaccounted for in stock or in transit", r.s.RecallID, held)
	}
	acc := Accounting{Affected: t.Affected(), Returned: t.Returned, Destroyed: t.Destroyed}
	if t.Sold > 0 {
		if r.notice == nil {
			return domain.Conflict("recall_sold_units_unaccounted", "recall %s still has %d units sold to consumers unaccounted for: record consumer returns, "+
				"or a regulator accepts the public notice for them", r.s.RecallID, t.Sold)
		}
		acc.SoldByPublicNotice = t.Sold
	}
	r.Raise(Closed{RecallID: r.s.RecallID, Accounting: &acc}, r.apply)
	return nil
}

// AcceptPublicNotice records a regulator's decision that the public notice
// suffices for the sold units consumers have not brought back (sold at the
// decision); notice says where it was published. Once per recall, while it
// is open.
func (r *Recall) AcceptPublicNotice(by access.Actor, sold int64, notice string) error {
	if err := by.MustBeRegulator(); err != nil {
		return err
	}
	if !r.Exists() {
		return domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall_closed", "recall %s is closed", r.s.RecallID)
	}
	if r.notice != nil {
		return domain.Conflict("recall_public_notice_already_accepted", "recall %s: the public notice is already accepted", r.s.RecallID)
	}
	if strings.TrimSpace(notice) == "" {
		return domain.Invalid("notice", "required_where_notice_was_published", "is required: where the notice was published and why it suffices")
	}
	r.Raise(PublicNoticeAccepted{RecallID: r.s.RecallID, Sold: sold, Notice: strings.TrimSpace(notice)}, r.apply)
	return nil
}

// SoleBatch is the batch a returned quantity that names none belongs to:
// the recall's only batch.
func (r *Recall) SoleBatch() (BatchKey, error) {
	if !r.Exists() {
		return BatchKey{}, domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if len(r.s.Batches) != 1 {
		return BatchKey{}, domain.Invalid("gtin", "recall_covers_batches_name_batch", "the recall covers %d batches: name the batch (gtin and lot) of the quantity", len(r.s.Batches))
	}
	return r.s.Batches[0], nil
}

// AcceptAcknowledgement refuses a holder's acknowledgement of the notice
// of a recall that is not known to it - holds tells whether it holds or
// held units of the recalled batches; anyone else is answered as if the
// recall did not exist - or that is closed.
func (r *Recall) AcceptAcknowledgement(holds bool) error {
	if !r.Exists() || !holds {
		return domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall_closed", "recall %s is closed", r.s.RecallID)
	}
	return nil
}

// AcceptReturn refuses returns under a recall that is not known or is
// closed: a closed recall's tallies are final.
func (r *Recall) AcceptReturn() error {
	if !r.Exists() {
		return domain.NotFound("id", "recall_not_known_2", "recall is not known")
	}
	if r.closed {
		return domain.Conflict("recall_closed", "recall %s is closed", r.s.RecallID)
	}
	return nil
}

func (r *Recall) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Started:
		r.s = ev
	case Closed:
		r.closed = true
	case PublicNoticeAccepted:
		r.notice = &ev
	case HoldersReminded:
		r.remember(ev)
	}
}

// Exists reports whether the recall started.
func (r *Recall) Exists() bool { return r.s.RecallID != "" }

// Closed reports whether the recall is closed.
func (r *Recall) Closed() bool { return r.closed }

// Batches are the recalled batches.
func (r *Recall) Batches() []BatchKey { return r.s.Batches }

// InitiatedBy is the enterprise that recalls (may be empty for a regulator's
// order).
func (r *Recall) InitiatedBy() string { return r.s.InitiatedByUSCC }
