package demo

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// planOversight writes the final chain, run one command at a time after all
// trade: revocations (which must follow every sale of the product), 12315
// complaints, recalls with their returns, and penalties. Running it alone
// also keeps the complaint and recall ids the ledger draws deterministic.
func (p *plan) planOversight() {
	for _, pr := range p.products {
		if pr.cert.story == certRevoked {
			p.final = append(p.final, revoke{pr})
			p.final = append(p.final, pr.renotifySteps()...)
		}
	}
	p.planComplaints()
	for _, rp := range p.recalls {
		p.final = append(p.final, rp.steps(p)...)
	}
	p.planPenalties()
}

// Market inspection findings (抽检不合格项目) by category.
var marketFindings = map[string]string{
	catDairy:     "菌落总数不符合GB 19645-2010要求",
	catInfant:    "维生素A含量低于标签明示值",
	catHealth:    "标签标示的功效成分含量不足",
	catCosmetics: "检出禁用原料甲硝唑",
	catWine:      "二氧化硫残留量超出GB 2760-2014限量",
	catOil:       "过氧化值不符合GB 2716-2018要求",
	catSnacks:    "酸价（以脂肪计）超出GB 7099-2015限量",
	catBaby:      "pH值不符合GB/T 28004要求",
	catSeasoning: "氨基酸态氮低于标签明示等级",
}

// inspection is a regulator's market inspection (抽检) of a lot at an
// enterprise.
type inspection struct {
	l      *lot
	at     time.Time
	f      *firm
	failed bool
}

// planInspection samples some groups once, at a shop or distributor that
// has the goods then; about one in ten fails. The lot of a level-2 recall
// fails a few days before the recall, which it then causes.
func (s *sim) planInspection(intake time.Time) {
	r := s.r
	cause := s.g.recall != nil && s.g.recall.level == 2
	if !cause && !chance(r, 0.4) {
		return
	}
	t := within(r, intake.AddDate(0, 0, 10), s.g.end)
	if cause {
		t = s.g.recall.at.Add(-3*24*time.Hour - time.Duration(r.IntN(300))*time.Minute)
	}
	failed := cause || chance(r, 0.1)
	s.at(t, func(t time.Time) {
		var at []*holding
		for _, h := range s.order[1:] {
			if h.units() > 0 && (!cause || h.f.sells()) {
				at = append(at, h)
			}
		}
		if len(at) == 0 {
			return
		}
		h := pick(r, at)
		for i := range h.stock {
			if h.stock[i].units() > 0 {
				in := &inspection{l: s.g.lots[i], at: s.tick(t), f: h.f, failed: failed}
				s.emit(inspectMarket{in})
				s.p.inspections = append(s.p.inspections, in)
				if failed {
					s.planFailedInspection(in.at, h, i)
				}
				return
			}
		}
	})
}

// inspectMarket records the inspection.
type inspectMarket struct{ in *inspection }

func (s inspectMarket) run(ctx context.Context, x *runner) error {
	in := s.in
	c := command.InspectMarket{Common: at(in.at), GTIN: in.l.pr.gtin, Lot: in.l.lot, EnterpriseUSCC: in.f.uscc, Result: "pass"}
	if in.failed {
		c.Result, c.Findings = "fail", marketFindings[in.l.pr.tmpl.category]
	}
	out, err := x.cmds.InspectMarket(ctx, regulator, c)
	return x.finish(kInspection, out, err, "market inspection of %s at %s", in.l.name(), in.f.name)
}

// penalty is an administrative penalty (行政处罚).
type penalty struct {
	f         *firm
	at        time.Time
	authority string
	amount    int64
	reason    string
}

// planPenalties fines the importer of the level-1 recall, enterprises whose
// goods failed market inspection, and the importer of goods customs found
// falsely declared.
func (p *plan) planPenalties() {
	r := rng(p.seed, "penalties")
	var out []penalty
	for _, rp := range p.recalls {
		if rp.level == 1 {
			f := rp.owner()
			out = append(out, penalty{f, after(r, rp.at, 48, 96), marketAuthority(f.region.city), 1_500_000, penaltyRecall})
		}
	}
	n := clamp(p.items/4000, 1, 6)
	for _, in := range p.inspections {
		if in.failed && n > 0 {
			n--
			amount := int64(between(r, 20, 200)) * 1000
			out = append(out, penalty{in.f, after(r, in.at, 24*15, 24*45), marketAuthority(in.f.region.city), amount, penaltyFailedInspection})
		}
	}
	for _, g := range p.groups {
		if g.decl != nil && g.decl.result == "fail" {
			f := g.owner()
			out = append(out, penalty{f, after(r, g.decl.decided, 24*20, 24*60), f.region.port.customs, 80_000, penaltyCustoms})
			break
		}
	}
	for _, pn := range out {
		pn.at = minTime(pn.at, p.latest())
		p.final = append(p.final, pn)
	}
}

func (s penalty) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.ImposePenalty(ctx, regulator, command.ImposePenalty{
		Common: at(s.at), EnterpriseUSCC: s.f.uscc, Authority: s.authority, AmountCNY: s.amount, Reason: s.reason,
	})
	return x.finish(kPenalty, out, err, "penalty on %s", s.f.name)
}
