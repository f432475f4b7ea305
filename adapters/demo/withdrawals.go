package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/batch"
)

// Withdrawal from sale (退市): a lot that failed a market inspection at a
// holder stops selling and moving there at once (the ledger refuses such
// sales until a passing re-inspection), and a lot left on the shelves when
// it expires stops too. What happens next is drawn from the group's own
// withdrawal stream, so the rest of the trade stays as it was: most holders
// withdraw in time, some late, some only when a regulator orders it, and a
// few not at all (their alerts stay open, most of them overdue). Orders
// whose moment would fall after the data set's end are placed in its last
// day, so some orders are open and not yet due. Withdrawn units are later
// destroyed or returned to the owner in about half the cases. Recalled
// groups only stop selling: their recall accounts for the goods.

// orderRef carries a withdrawal order's id from the order's step to the
// withdrawal answering it (the ledger draws the id).
type orderRef struct{ id string }

// offSale stops lot i at h: nothing of it is sold or shipped there again.
func (h *holding) offSale(i int) { h.off[i] = true }

// planFailedInspection follows a failed inspection of lot i at h.
func (s *sim) planFailedInspection(t time.Time, h *holding, i int) {
	h.offSale(i)
	if s.g.recall != nil {
		return
	}
	r := s.wr()
	switch x := r.Float64(); {
	case x < 0.55:
		s.planWithdraw(after(r, t, 2, 30), h, i, batch.ReasonInspectionFailed, nil)
	case x < 0.85:
		s.planOrder(after(r, t, 24, 72), h, i, batch.ReasonInspectionFailed, "市场抽检不合格，责令下架退市", chance(r, 0.75))
	}
}

// planExpiry follows each lot that expired before today: every holder with
// stock of it then (and not already stopped) withdraws it, or not.
func (s *sim) planExpiry() {
	if s.g.recall != nil {
		return
	}
	for i, l := range s.g.lots {
		if date(l.expires) >= date(s.p.today) {
			continue
		}
		s.at(l.expires.Add(20*time.Hour), func(t time.Time) {
			r := s.wr()
			for _, h := range s.order {
				if h.off[i] || h.stock[i].units() == 0 {
					continue
				}
				h.offSale(i)
				switch x := r.Float64(); {
				case x < 0.6:
					s.planWithdraw(after(r, t, 0, 48), h, i, batch.ReasonExpired, nil)
				case x < 0.7:
					s.planWithdraw(after(r, t, 24*4, 24*9), h, i, batch.ReasonExpired, nil)
				case x < 0.85:
					s.planOrder(after(r, t, 24*3, 24*6), h, i, batch.ReasonExpired, "超过保质期的食品应当立即下架", chance(r, 0.7))
				}
			}
		})
	}
}

// wr is the group's withdrawal random stream, made on first use.
func (s *sim) wr() *rand.Rand {
	if s.wrand == nil {
		s.wrand = rng(s.p.seed, "withdrawals", s.g.idx)
	}
	return s.wrand
}

// planWithdraw has h withdraw everything it has of lot i on sale at t (if t
// is in the data set), and maybe dispose of it later.
func (s *sim) planWithdraw(t time.Time, h *holding, i int, reason string, ref *orderRef) {
	if t.After(s.p.latest()) {
		return
	}
	s.at(t, func(t time.Time) {
		t = s.tick(t)
		s.emit(withdraw{l: s.g.lots[i], f: h.f, at: t, reason: reason, order: ref})
		r := s.wr()
		if !chance(r, 0.5) {
			return
		}
		how, supplier := batch.DispositionDestroyed, ""
		if h.f != s.g.owner() && chance(r, 0.3) {
			how, supplier = batch.DispositionReturnedToSupplier, s.g.owner().uscc
		}
		when := after(r, t, 48, 24*10)
		if when.After(s.p.latest()) {
			return
		}
		s.at(when, func(t time.Time) {
			s.emit(dispose{l: s.g.lots[i], f: h.f, at: s.tick(t), how: how, supplier: supplier})
			h.stock[i] = pile{}
		})
	})
}

// planOrder has a regulator order h to withdraw lot i at t (or in the data
// set's last day when t is later), answered a few days later or not.
func (s *sim) planOrder(t time.Time, h *holding, i int, reason, note string, answered bool) {
	if last := s.p.latest(); t.After(last) {
		t, answered = last.Add(-time.Duration(s.wr().IntN(10*60))*time.Minute), false
	}
	s.at(t, func(t time.Time) {
		ref := &orderRef{}
		t = s.tick(t)
		s.emit(orderWithdrawal{l: s.g.lots[i], f: h.f, at: t, reason: reason, note: note, ref: ref})
		if answered {
			s.planWithdraw(after(s.wr(), t, 20, 24*4), h, i, batch.ReasonOrdered, ref)
		}
	})
}

// orderWithdrawal is a regulator's withdrawal order.
type orderWithdrawal struct {
	l            *lot
	f            *firm
	at           time.Time
	reason, note string
	ref          *orderRef
}

func (s orderWithdrawal) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.OrderWithdrawal(ctx, regulator, command.OrderWithdrawal{Common: at(s.at), GTIN: s.l.pr.gtin, Lot: s.l.lot,
		HolderUSCC: s.f.uscc, Reason: s.reason, Note: s.note})
	s.ref.id = out.OrderID
	return x.finish(kWithdrawalOrder, out, err, "order withdrawal of %s at %s", s.l.name(), s.f.name)
}

// withdraw is a holder's withdrawal of everything it has of a lot on sale.
type withdraw struct {
	l      *lot
	f      *firm
	at     time.Time
	reason string
	order  *orderRef
}

func (s withdraw) run(ctx context.Context, x *runner) error {
	in := command.RecordWithdrawal{Common: at(s.at), GTIN: s.l.pr.gtin, Lot: s.l.lot, HolderUSCC: s.f.uscc, Reason: s.reason, All: true}
	if s.order != nil {
		in.OrderID = s.order.id
	}
	out, err := x.cmds.RecordWithdrawal(ctx, s.f.actor(), in)
	return x.finish(kWithdrawal, out, err, "withdrawal of %s at %s", s.l.name(), s.f.name)
}

// dispose is a holder's disposal of everything it withdrew of a lot.
type dispose struct {
	l             *lot
	f             *firm
	at            time.Time
	how, supplier string
}

func (s dispose) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.RecordDisposal(ctx, s.f.actor(), command.RecordDisposal{Common: at(s.at), GTIN: s.l.pr.gtin, Lot: s.l.lot,
		HolderUSCC: s.f.uscc, Disposition: s.how, SupplierUSCC: s.supplier, All: true})
	return x.finish(kDisposal, out, err, "disposal of %s at %s", s.l.name(), s.f.name)
}
