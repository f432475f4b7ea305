// Package withdrawal is the read model of withdrawal from sale (退市): per
// batch and holder, the units withdrawn and disposed of, the last market
// inspection, and the regulators' orders with their deadlines; and the
// record of every order and withdrawal in log order, for the list. The
// alerts read it to clear expired-stock alerts and to raise the duty to
// withdraw (projections/alert).
package withdrawal

import (
	"sort"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner"
)

// Order is a regulator's withdrawal order.
type Order struct {
	OrderID   string    `json:"order_id"`
	Reason    string    `json:"reason"`
	Note      string    `json:"note,omitempty"`
	Deadline  string    `json:"deadline"`
	OrderedAt time.Time `json:"ordered_at"`
	Answered  bool      `json:"answered,omitempty"`
}

// Holder is what one holder did about one batch.
type Holder struct {
	Withdrawn int64 `json:"withdrawn,omitempty"` // units withdrawn, disposed of or not
	Disposed  int64 `json:"disposed,omitempty"`
	// FailedAt is when the last market inspection at the holder failed;
	// zero when the last one passed or there was none.
	FailedAt time.Time `json:"failed_at,omitzero"`
	Orders   []*Order  `json:"orders,omitempty"`
}

// Batch is one batch's withdrawals, by holder USCC. Only a batch something
// happened to (an inspection, an order, a withdrawal or a disposal) has
// one: there are as many batches as the ledger registered.
type Batch struct {
	GTIN    string             `json:"gtin"`
	Lot     string             `json:"lot"`
	Holders map[string]*Holder `json:"holders"`
}

// Entry is one order, withdrawal or disposal, as the list shows it.
type Entry = query.WithdrawalEntry

// Projection is the withdrawal read model, safe for concurrent queries.
type Projection struct {
	runner.JSONModel[state]
}

var _ runner.Projection = (*Projection)(nil)

type state struct {
	Batches map[string]*Batch `json:"batches"`
	Entries []Entry           `json:"entries"`
}

func newState() *state { return &state{Batches: map[string]*Batch{}, Entries: []Entry{}} }

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("withdrawal", newState, p.apply)
	return p
}

func key(gtin, lot string) string { return gtin + "/" + lot }

func (p *Projection) holder(gtin, lot, uscc string) *Holder {
	b := p.State().Batches[key(gtin, lot)]
	if b == nil {
		b = &Batch{GTIN: gtin, Lot: lot, Holders: map[string]*Holder{}}
		p.State().Batches[key(gtin, lot)] = b
	}
	h := b.Holders[uscc]
	if h == nil {
		h = &Holder{}
		b.Holders[uscc] = h
	}
	return h
}

// existing is holder's entry for the batch, nil when it has none.
func (p *Projection) existing(gtin, lot, uscc string) *Holder {
	if b := p.State().Batches[key(gtin, lot)]; b != nil {
		return b.Holders[uscc]
	}
	return nil
}

func (p *Projection) apply(env *runner.Envelope) {
	at := env.Metadata.OccurredAt.UTC()
	s := p.State()
	switch ev := env.Event.(type) {
	case batch.Inspected:
		// A pass only clears a failure: most inspections pass, and a
		// holder with nothing else on record needs no entry.
		if ev.Result == "fail" {
			p.holder(ev.GTIN, ev.Lot, ev.EnterpriseUSCC).FailedAt = at
		} else if h := p.existing(ev.GTIN, ev.Lot, ev.EnterpriseUSCC); h != nil {
			h.FailedAt = time.Time{}
		}
	case batch.WithdrawalOrdered:
		h := p.holder(ev.GTIN, ev.Lot, ev.HolderUSCC)
		h.Orders = append(h.Orders, &Order{OrderID: ev.OrderID, Reason: ev.Reason, Note: ev.Note, Deadline: ev.Deadline, OrderedAt: at})
		s.Entries = append(s.Entries, Entry{Position: env.Position, Kind: "order", GTIN: ev.GTIN, Lot: ev.Lot, HolderUSCC: ev.HolderUSCC,
			Reason: ev.Reason, OrderID: ev.OrderID, Note: ev.Note, Deadline: ev.Deadline, At: at})
	case batch.Withdrawn:
		h := p.holder(ev.GTIN, ev.Lot, ev.HolderUSCC)
		h.Withdrawn += ev.Count()
		for _, o := range h.Orders {
			if o.OrderID == ev.OrderID {
				o.Answered = true
			}
		}
		s.Entries = append(s.Entries, Entry{Position: env.Position, Kind: "withdrawal", GTIN: ev.GTIN, Lot: ev.Lot, HolderUSCC: ev.HolderUSCC,
			Reason: ev.Reason, OrderID: ev.OrderID, Note: ev.Note, Units: ev.Count(), At: at})
	case batch.Disposed:
		p.holder(ev.GTIN, ev.Lot, ev.HolderUSCC).Disposed += ev.Count()
		s.Entries = append(s.Entries, Entry{Position: env.Position, Kind: "disposal", GTIN: ev.GTIN, Lot: ev.Lot, HolderUSCC: ev.HolderUSCC,
			Disposition: ev.Disposition, Supplier: ev.SupplierUSCC, Units: ev.Count(), At: at})
	}
}

// Withdrawn is how many units holder has withdrawn of the batch, disposed
// of since or not.
func (p *Projection) Withdrawn(gtin, lot, holder string) int64 {
	p.RLock()
	defer p.RUnlock()
	if h := p.existing(gtin, lot, holder); h != nil {
		return h.Withdrawn
	}
	return 0
}

// OffSale is how many units holder has withdrawn of the batch and not
// disposed of: those are still in its stock, off sale (a disposal takes its
// units out of the stock, batch.Disposed.AsReturn).
func (p *Projection) OffSale(gtin, lot, holder string) int64 {
	p.RLock()
	defer p.RUnlock()
	if h := p.existing(gtin, lot, holder); h != nil {
		return h.offSale()
	}
	return 0
}

// offSale is what the holder withdrew and has not disposed of yet.
func (h *Holder) offSale() int64 { return max(h.Withdrawn-h.Disposed, 0) }

// Duty is a holder that may have to withdraw a batch: its last inspection
// there failed, or it has orders not answered yet.
type Duty struct {
	GTIN, Lot, HolderUSCC string
	Withdrawn             int64 // withdrawn, disposed of since or not
	OffSale               int64 // withdrawn and not disposed of: still in stock
	FailedAt              time.Time
	Open                  []Order
}

// Duties lists every failed inspection not passed since and every order
// not answered, by batch and holder, in no particular order (the alerts
// sort what they make of them).
func (p *Projection) Duties() []Duty {
	p.RLock()
	defer p.RUnlock()
	var out []Duty
	for _, b := range p.State().Batches {
		for u, h := range b.Holders {
			d := Duty{GTIN: b.GTIN, Lot: b.Lot, HolderUSCC: u, Withdrawn: h.Withdrawn, OffSale: h.offSale(), FailedAt: h.FailedAt}
			for _, o := range h.Orders {
				if !o.Answered {
					d.Open = append(d.Open, *o)
				}
			}
			if !d.FailedAt.IsZero() || len(d.Open) > 0 {
				out = append(out, d)
			}
		}
	}
	return out
}

var _ query.WithdrawalModel = (*Projection)(nil)

// Entries are the orders, withdrawals and disposals at the holders keep
// says to show, in log order, after position after, at most limit of them.
func (p *Projection) Entries(after uint64, limit int, keep func(holder string) bool) []Entry {
	return p.Matching(after, limit, func(e Entry) bool { return keep(e.HolderUSCC) })
}

// Matching are the orders, withdrawals and disposals keep says to show, in
// log order, after position after, at most limit of them.
func (p *Projection) Matching(after uint64, limit int, keep func(Entry) bool) []Entry {
	p.RLock()
	defer p.RUnlock()
	out := []Entry{}
	es := p.State().Entries
	from := sort.Search(len(es), func(i int) bool { return es[i].Position > after })
	for _, e := range es[from:] {
		if !keep(e) {
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, e)
	}
	return out
}
