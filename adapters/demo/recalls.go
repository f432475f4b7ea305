package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// recallPlan is one recall: which groups' lots, when, why, and how far it
// has got today.
type recallPlan struct {
	level   int
	at      time.Time
	reason  string
	groups  []*group
	ordered bool // ordered by a regulator (责令召回) rather than started by the owner
	closes  bool // every unit accounted for and closed
	closeAt time.Time
	id      string // the ledger's recall id, once started
	// The recall plan: the hazard, how long before the recall it became
	// known, the scope and the measures asked of holders and consumers.
	hazard          string
	knownBefore     time.Duration
	scope, measures string
}

func (rp *recallPlan) owner() *firm { return rp.groups[0].owner() }

// planRecalls picks the recalls before the trade is simulated, so that
// their lots stop moving the day before:
//   - level 1, ordered six days ago: imported infant formula, several
//     holders, about half of them have returned their stock so far;
//   - level 2, ordered 45 days ago after a failed market inspection: two
//     lots of a domestic product, overdue, one return recorded;
//   - level 3, started by the importer 40 days ago over its Chinese label:
//     every unit returned or destroyed, closed 12 days ago.
func (p *plan) planRecalls() {
	r := rng(p.seed, "recalls")
	taken := map[*group]bool{}
	fits := func(g *group, at time.Time) bool {
		return !taken[g] && g.trades() && g.pr.cert.story != certRevoked && g.pr.cert.story != certExpired &&
			g.arrive.Before(at.AddDate(0, 0, -45)) && g.end.After(at.AddDate(0, 0, -10))
	}
	find := func(at time.Time, tests ...func(*group) bool) []*group {
		for _, test := range tests {
			for _, g := range p.groups {
				if fits(g, at) && test(g) {
					return []*group{g}
				}
			}
		}
		return nil
	}
	labelled := func(g *group) bool { return g.lots[0].labels > 0 }
	imported := func(g *group) bool { return g.pr.imported() }
	anyGroup := func(*group) bool { return true }

	l1 := &recallPlan{level: 1, at: p.daysAgo(r, 6), ordered: false, // the importer's own, voluntary
		reason: "检出阪崎肠杆菌（克罗诺杆菌属），可能危害婴幼儿健康",
		hazard: "阪崎肠杆菌可致婴幼儿败血症、脑膜炎，属严重危害", knownBefore: 14 * time.Hour,
		scope: "该批次全部产品，全国各销售渠道（商超、母婴店、电商平台）", measures: "立即停止销售并下架封存，退回进口商；已购买的消费者停止食用，凭购物凭证到原购买处退货"}
	l1.groups = find(l1.at,
		func(g *group) bool { return imported(g) && labelled(g) && g.pr.tmpl.category == catInfant },
		func(g *group) bool { return imported(g) && labelled(g) }, imported, anyGroup)
	p.addRecall(l1, taken)

	l2 := &recallPlan{level: 2, at: p.daysAgo(r, 45), ordered: true,
		reason: "监督抽检菌落总数不合格，可能对健康造成危害",
		hazard: "菌落总数超标，可能引起肠胃不适", knownBefore: 30 * time.Hour,
		scope: "抽检不合格的两个批次，本省经销及零售渠道", measures: "停止销售，退回生产企业或就地销毁；消费者可到原购买处退货"}
	for _, pr := range p.products {
		var gs []*group
		for _, g := range pr.groups {
			if !pr.imported() && fits(g, l2.at) {
				gs = append(gs, g)
			}
		}
		if len(gs) >= 2 {
			l2.groups = gs[:2]
			break
		}
	}
	if l2.groups == nil {
		l2.groups = find(l2.at, func(g *group) bool { return !imported(g) }, anyGroup)
	}
	p.addRecall(l2, taken)

	l3 := &recallPlan{level: 3, at: p.daysAgo(r, 40), closes: true, closeAt: p.daysAgo(r, 12),
		reason: "中文标签未标注原产国及境内代理商名称，不符合GB 7718要求",
		hazard: "标签缺陷，不影响食用安全", knownBefore: 50 * time.Hour,
		scope: "该批次全部产品", measures: "停止销售，退回进口商重新加贴合格中文标签或销毁"}
	l3.groups = find(l3.at,
		func(g *group) bool { return imported(g) && labelled(g) && g.pr.tmpl.category != catInfant },
		labelled, anyGroup)
	p.addRecall(l3, taken)
	p.addRecall(p.lateRecall(r, func(at time.Time) []*group {
		return find(at, func(g *group) bool { return !imported(g) }, anyGroup)
	}), taken)
}

// addRecall keeps a recall that found lots, and stops them moving before it.
func (p *plan) addRecall(rp *recallPlan, taken map[*group]bool) {
	if len(rp.groups) == 0 {
		return
	}
	for _, g := range rp.groups {
		taken[g], g.recall = true, rp
		g.end = minTime(g.end, rp.at.Add(-24*time.Hour))
	}
	p.recalls = append(p.recalls, rp)
}

// steps are the recall's commands: the start, the holders' returns as far
// as the recall has got, and the closure. Returns are read off the
// simulated stock, so each names exactly what its holder has.
func (rp *recallPlan) steps(p *plan) []step {
	r := rng(p.seed, "recall", rp.level)
	deadline := p.latest().Add(-3 * time.Hour)
	if rp.closes {
		deadline = rp.closeAt.Add(-24 * time.Hour)
	}
	var rets []recallReturn
	n := 0 // holders with stock so far
	for _, g := range rp.groups {
		for _, h := range g.sim.order {
			if h.units() == 0 {
				continue
			}
			n++
			all := rp.closes || (rp.level == 1 && n%2 == 1)
			if !all && !(rp.level == 2 && n == 1) {
				continue // has not reported yet
			}
			when, how := within(r, rp.at.Add(24*time.Hour), deadline), disposition(r, h, g)
			for i := range h.stock {
				st := &h.stock[i]
				if st.units() == 0 {
					continue
				}
				k, q := (len(st.items)+1)/2, (st.qty+1)/2 // a first part
				if all {
					k, q = len(st.items), st.qty
				}
				ret := take(st, k, q)
				rets = append(rets, recallReturn{rp: rp, f: h.f, l: g.lots[i], goods: ret, at: when, disposition: how})
				when = when.Add(time.Duration(1+r.IntN(90)) * time.Minute)
			}
		}
	}
	if rp.level == 1 {
		rets = append(rets, consumerReturns(r, rp, deadline)...)
	}
	timed := make([]timedStep, 0, len(rets))
	for _, rt := range rets {
		timed = append(timed, timedStep{rt.at, rt})
	}
	timed = append(timed, rp.acknowledgements(r)...)
	timed = append(timed, rp.reminder()...)
	if rp.closes {
		// The units sold to consumers and not brought back: the regulator
		// accepts the public notice for them before the recall closes.
		timed = append(timed, timedStep{deadline, acceptNotice{rp, deadline}})
	}
	sort.SliceStable(timed, func(i, j int) bool { return timed[i].at.Before(timed[j].at) })
	out := []step{startRecall{rp}}
	for _, t := range timed {
		out = append(out, t.s)
	}
	if rp.closes {
		out = append(out, closeRecall{rp})
	}
	return out
}

// timedStep is a recall step with the time it is recorded at, to order the
// steps of one recall.
type timedStep struct {
	at time.Time
	s  step
}

// acknowledgements: the holders that acknowledge the notice in their inbox
// within a day - every holder of a recall that closes, every other holder
// of an open one (the others have not yet); the recaller has no notice.
func (rp *recallPlan) acknowledgements(r *rand.Rand) []timedStep {
	var out []timedStep
	seen := map[*firm]bool{rp.owner(): true}
	n := 0
	for _, g := range rp.groups {
		for _, h := range g.sim.order {
			if seen[h.f] {
				continue
			}
			seen[h.f] = true
			n++
			if rp.closes || n%2 == 1 {
				at := within(r, rp.at.Add(time.Hour), rp.at.Add(20*time.Hour))
				out = append(out, timedStep{at, acknowledge{rp, h.f, at}})
			}
		}
	}
	return out
}

// disposition: the owner destroys what comes back to it; shops return
// stock, or destroy it on site when the goods are food.
func disposition(r *rand.Rand, h *holding, g *group) string {
	if h.f == g.owner() || (h.f.food && chance(r, 0.3)) {
		return "destroyed"
	}
	return "returned"
}

// consumerReturns are sold items consumers brought back to a shop under the
// recall: the first seller with sold items returns the last two it sold.
func consumerReturns(r *rand.Rand, rp *recallPlan, deadline time.Time) []recallReturn {
	for _, g := range rp.groups {
		for _, h := range g.sim.order {
			for i := range h.sold {
				if len(h.sold[i].items) >= 2 {
					k := len(h.sold[i].items) - 2 // the latest sold: not yet used up
					ret := pile{items: append([]int(nil), h.sold[i].items[k:]...)}
					h.sold[i].items = h.sold[i].items[:k]
					return []recallReturn{{rp: rp, f: h.f, l: g.lots[i], goods: ret,
						at: within(r, rp.at.Add(24*time.Hour), deadline), disposition: "returned"}}
				}
			}
		}
	}
	return nil
}

// startRecall starts the recall: ordered by a regulator in the owner's name,
// or by the owner itself.
type startRecall struct{ rp *recallPlan }

func (s startRecall) run(ctx context.Context, x *runner) error {
	rp := s.rp
	in := command.StartRecall{Common: at(rp.at), Level: rp.level, Reason: rp.reason, InitiatedByUSCC: rp.owner().uscc,
		Hazard: rp.hazard, Scope: rp.scope, Measures: rp.measures, Contact: rp.owner().name + " " + rp.owner().contact}
	if rp.knownBefore > 0 {
		in.HazardKnownAt = rp.at.Add(-rp.knownBefore).UTC().Format(time.RFC3339)
	}
	for _, g := range rp.groups {
		for _, l := range g.lots {
			in.Batches = append(in.Batches, command.BatchRef{GTIN: l.pr.gtin, Lot: l.lot})
		}
	}
	actor := rp.owner().actor()
	if rp.ordered {
		actor = regulator
	}
	out, err := x.cmds.StartRecall(ctx, actor, in)
	if err != nil {
		return fmt.Errorf("start level-%d recall of %s: %w", rp.level, rp.groups[0].lots[0].name(), err)
	}
	rp.id = out.RecallID
	x.record(kRecall, 1, out)
	return nil
}

// recallReturn records units a holder returned or destroyed.
type recallReturn struct {
	rp          *recallPlan
	f           *firm
	l           *lot
	goods       pile
	at          time.Time
	disposition string
}

func (s recallReturn) run(ctx context.Context, x *runner) error {
	items, _ := goods([]part{{l: s.l, items: s.goods.items}})
	out, err := x.cmds.RecordRecallReturn(ctx, s.f.actor(), command.RecordRecallReturn{
		Common: at(s.at), RecallID: s.rp.id, HolderUSCC: s.f.uscc, Items: items,
		GTIN: s.l.pr.gtin, Lot: s.l.lot, Quantity: s.goods.qty, Disposition: s.disposition,
	})
	if err != nil {
		return fmt.Errorf("record recall return of %s by %s: %w", s.l.name(), s.f.name, err)
	}
	x.record(kReturn, 1, out)
	x.add(kReturnedUnits, s.goods.units())
	return nil
}

// closeRecall closes a recall whose every unit is accounted for.
type closeRecall struct{ rp *recallPlan }

func (s closeRecall) run(ctx context.Context, x *runner) error {
	actor := s.rp.owner().actor()
	if s.rp.ordered {
		actor = regulator
	}
	out, err := x.cmds.CloseRecall(ctx, actor, command.CloseRecall{Common: at(s.rp.closeAt), RecallID: s.rp.id})
	return x.finish(kRecallClosure, out, err, "close recall %s", s.rp.id)
}

// acknowledge: a holder acknowledges the recall notice in its inbox.
type acknowledge struct {
	rp *recallPlan
	f  *firm
	at time.Time
}

func (s acknowledge) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.AcknowledgeRecallNotice(ctx, s.f.actor(), command.AcknowledgeRecallNotice{Common: at(s.at), RecallID: s.rp.id,
		HolderUSCC: s.f.uscc, Note: "已收到召回通知，涉及产品已停止销售并下架封存"})
	return x.finish(kRecallAck, out, err, "acknowledge recall %s by %s", s.rp.id, s.f.name)
}

// acceptNotice: the regulator accepts the public notice for the recall's
// units sold to consumers.
type acceptNotice struct {
	rp *recallPlan
	at time.Time
}

func (s acceptNotice) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.AcceptPublicNotice(ctx, regulator, command.AcceptPublicNotice{Common: at(s.at), RecallID: s.rp.id,
		Notice: "召回公告已在国家市场监督管理总局网站及企业官网发布，标签缺陷不影响食用安全，已售产品以公告告知消费者为足"})
	return x.finish(kPublicNotice, out, err, "accept the public notice of recall %s", s.rp.id)
}
