package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// Customs outcomes of a group's declaration.
const (
	decisionReleased = "released"
	decisionRejected = "rejected"
	decisionPending  = "pending" // filed, awaiting inspection and decision
)

// declaration is one customs declaration (报关单): every lot of an imported
// group, entered at the importer's port.
type declaration struct {
	no                           string
	g                            *group
	declared, inspected, decided time.Time
	result, findings             string // customs inspection: "", "pass" or "fail"
	reason                       string // why it was rejected
}

// planCustoms decides each imported group's clearance: most are released
// (about half after an inspection that passed); a few fail inspection and
// are rejected, a few are rejected on their documents; a product still
// awaiting its certificate has its goods declared and waiting. The first
// eligible groups take a failure and a rejection, so that every data set
// has them.
func (p *plan) planCustoms() {
	r := rng(p.seed, "customs")
	forced := []string{"fail", "documents"}
	for _, g := range p.groups {
		if !g.pr.imported() {
			continue
		}
		d := &declaration{g: g, no: p.declarationNo(g)}
		g.decl = d
		d.declared = after(r, g.arrive, 2, 6)
		outcome := "release"
		switch x := r.Float64(); {
		case g.pr.cert.story == certNotified:
			outcome = "pending"
		case len(forced) > 0 && g.end.Sub(g.arrive) > 30*24*time.Hour:
			outcome, forced = forced[0], forced[1:]
		case x < 0.04:
			outcome = "fail"
		case x < 0.07:
			outcome = "documents"
		}
		d.inspected = after(r, d.declared, 20, 48)
		d.decided = after(r, d.inspected, 24, 72)
		switch outcome {
		case "pending":
			g.customs = decisionPending
		case "fail":
			d.result, d.findings = "fail", pick(r, customsFindings)
			d.reason = "查验不合格：" + d.findings
			g.customs = decisionRejected
		case "documents":
			d.reason = pick(r, customsRejections)
			g.customs = decisionRejected
		default:
			if chance(r, 0.55) {
				d.result = "pass"
			}
			g.customs = decisionReleased
		}
	}
}

// declarationNo is an 18-digit number: customs office, year, the import
// flag and a nine-digit sequence, scrambled by an odd multiplier prime to
// ten so numbers look issued rather than counted and never repeat.
func (p *plan) declarationNo(g *group) string {
	p.decls++
	seq := uint64(p.decls) * 2654435761 % 1_000_000_000
	return fmt.Sprintf("%s%s1%09d", g.owner().region.port.office, g.arrive.Format("2006"), seq)
}

// steps are the declaration's commands: filed by the importer, then the
// regulator's inspection and decision where there are any.
func (d *declaration) steps() []step {
	out := []step{declare{d}}
	if d.g.customs == decisionPending {
		return out
	}
	if d.result != "" {
		out = append(out, inspectCustoms{d})
	}
	return append(out, decide{d})
}

// released is when the goods may move.
func (d *declaration) released() time.Time { return d.decided }

// declare files the declaration (报关).
type declare struct{ d *declaration }

func (s declare) run(ctx context.Context, x *runner) error {
	g := s.d.g
	in := command.DeclareCustoms{Common: at(s.d.declared), DeclarationNo: s.d.no,
		Port: g.owner().region.port.name, ImporterUSCC: g.owner().uscc}
	for _, l := range g.lots {
		in.Lines = append(in.Lines, command.DeclarationLine{GTIN: l.pr.gtin, Lot: l.lot, Quantity: l.qty,
			HSCode: l.pr.tmpl.hs, OriginCountry: l.pr.origin})
	}
	out, err := x.cmds.DeclareCustoms(ctx, g.owner().actor(), in)
	return x.finish(kDeclaration, out, err, "declare %s (%s)", s.d.no, g.lots[0].name())
}

// inspectCustoms records customs' inspection (查验).
type inspectCustoms struct{ d *declaration }

func (s inspectCustoms) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.InspectCustoms(ctx, regulator, command.InspectCustoms{
		Common: at(s.d.inspected), DeclarationNo: s.d.no, Result: s.d.result, Findings: s.d.findings,
	})
	return x.finish(kCustomsInspection, out, err, "customs inspection of %s", s.d.no)
}

// decide releases (放行) or rejects the declaration and its lots.
type decide struct{ d *declaration }

func (s decide) run(ctx context.Context, x *runner) error {
	in := command.DecideRelease{Common: at(s.d.decided), DeclarationNo: s.d.no, Decision: s.d.g.customs}
	if s.d.g.customs == decisionRejected {
		in.Reason = s.d.reason
	}
	out, err := x.cmds.DecideRelease(ctx, regulator, in)
	return x.finish(kDecision, out, err, "%s declaration %s", s.d.g.customs, s.d.no)
}
