package query

import (
	"context"
	"time"
)

// WithdrawalEntry is one withdrawal order, withdrawal from sale or
// disposal, as GET /api/v1/withdrawals lists it.
type WithdrawalEntry struct {
	Position    uint64    `json:"position"`
	Kind        string    `json:"kind"` // order, withdrawal, disposal
	GTIN        string    `json:"gtin"`
	Lot         string    `json:"lot"`
	HolderUSCC  string    `json:"holder_uscc"`
	Reason      string    `json:"reason,omitempty"`
	OrderID     string    `json:"order_id,omitempty"`
	Note        string    `json:"note,omitempty"`
	Deadline    string    `json:"deadline,omitempty"`
	Disposition string    `json:"disposition,omitempty"`
	Supplier    string    `json:"supplier_uscc,omitempty"`
	Units       int64     `json:"units,omitempty"`
	At          time.Time `json:"at"`
}

// WithdrawalModel lists withdrawal entries in log order;
// *withdrawal.Projection implements it.
type WithdrawalModel interface {
	Matching(after uint64, limit int, keep func(WithdrawalEntry) bool) []WithdrawalEntry
}

// The kinds of withdrawal entries.
const (
	WithdrawalKindOrder      = "order"
	WithdrawalKindWithdrawal = "withdrawal"
	WithdrawalKindDisposal   = "disposal"
)

// WithdrawalFilter narrows the list: every field given must match (the
// holder's USCC, the GTIN-14, the lot, the kind: order, withdrawal or
// disposal); empty ones match all.
type WithdrawalFilter struct {
	HolderUSCC, GTIN, Lot, Kind string
}

func (f WithdrawalFilter) matches(e WithdrawalEntry) bool {
	return (f.HolderUSCC == "" || e.HolderUSCC == f.HolderUSCC) && (f.GTIN == "" || e.GTIN == f.GTIN) &&
		(f.Lot == "" || e.Lot == f.Lot) && (f.Kind == "" || e.Kind == f.Kind)
}

// WithdrawalPage is one page of the list. Next is the position to pass as
// after for the following page, 0 on the last one.
type WithdrawalPage struct {
	Entries []WithdrawalEntry
	Next    uint64
}

// Withdrawals answers the list of withdrawal orders, withdrawals and
// disposals: overseers see every one, an enterprise those at itself (what
// it may not see is not there).
type Withdrawals struct {
	consistency
	model WithdrawalModel
}

// NewWithdrawals reads model once progress has reached the client's
// position.
func NewWithdrawals(model WithdrawalModel, progress Progress) *Withdrawals {
	return &Withdrawals{consistency: consistency{progress}, model: model}
}

// List is up to limit entries after position after that rd's actor may see
// and f matches.
func (q *Withdrawals) List(ctx context.Context, rd Read, f WithdrawalFilter, after uint64, limit int) (WithdrawalPage, error) {
	if err := q.await(ctx, rd); err != nil {
		return WithdrawalPage{}, err
	}
	keep := func(string) bool { return true }
	if uscc, only := rd.Actor.OwnOnly(); only {
		keep = func(h string) bool { return h == uscc }
	} else if !rd.Actor.Oversees() {
		keep = func(string) bool { return false }
	}
	es := q.model.Matching(after, limit+1, func(e WithdrawalEntry) bool { return keep(e.HolderUSCC) && f.matches(e) })
	pg := WithdrawalPage{Entries: es}
	if len(es) > limit {
		pg.Entries = es[:limit]
		pg.Next = es[limit-1].Position
	}
	return pg, nil
}
