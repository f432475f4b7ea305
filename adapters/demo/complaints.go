package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	cases "github.com/traceledger/traceledger/domain/complaint"
)

// complaint is a 12315 complaint case about something a consumer bought,
// with the moments of its steps (zero: the step never came, as of the
// data set's today).
type complaint struct {
	sale     *saleRecord
	l        *lot
	item     int // index into l.codes, or -1 for the lot
	at       time.Time
	category string
	severity int
	channel  string
	public   bool // filed by the consumer through the public intake
	contact  string
	// the steps
	accepted, refused, investigated, answered time.Time
	resolved, transferred                     time.Time
	mediated                                  bool
	upheld                                    bool
	outcome                                   string
	words, reason, answer                     string // drawn at planning
	id                                        string
}

// status is where the case ends up, as the case list will say.
func (c *complaint) status() cases.Status {
	switch {
	case !c.refused.IsZero():
		return cases.StatusRefused
	case !c.transferred.IsZero():
		return cases.StatusTransferred
	case !c.resolved.IsZero() && c.mediated:
		return cases.StatusMediated
	case !c.resolved.IsZero():
		return cases.StatusResolved
	case !c.investigated.IsZero():
		return cases.StatusInvestigating
	case !c.accepted.IsZero():
		return cases.StatusAccepted
	}
	return cases.StatusFiled
}

// The forced shapes of the first cases, so that every data set has a case
// in every status, two overdue and several from the public intake.
const (
	shapeDrawn = iota
	shapeUpheld
	shapeRejected
	shapeOpen
	shapeMediated
	shapeRefused
	shapeTransferred
	shapeAcceptanceOverdue
	shapeConclusionOverdue
	shapeAccepted
	shapeAnswered
)

// planComplaints draws complaints about sales at least a few days old,
// against the seller, naming the item when it was labelled; about a third
// of those about a labelled item come through the public intake. Each is
// accepted (a few late) or refused, investigated, answered by the seller,
// and mediated, resolved or transferred, as far as the data set's today
// reaches. The first cases take one shape each (see the shape constants).
func (p *plan) planComplaints() {
	r := rng(p.seed, "complaints")
	var pool []*saleRecord
	for _, s := range p.sales {
		if s.at.Before(p.latest().AddDate(0, 0, -3)) {
			pool = append(pool, s)
		}
	}
	if len(pool) == 0 {
		return
	}
	n := clamp(p.items/150, 12, 150)
	for k := 0; k < n; k++ {
		shape := shapeDrawn
		if k <= shapeAnswered {
			shape = k
		}
		s := p.saleFor(r, pool, shape)
		pt := s.parts[0]
		c := &complaint{sale: s, l: pt.l, item: -1, category: pick(r, complaintCategories),
			severity: pick(r, []int{1, 1, 1, 2, 2, 3}), channel: pick(r, complaintChannels)}
		if len(pt.items) > 0 {
			c.item = pt.items[0]
		}
		c.at = minTime(after(r, s.at, 24, 24*15), p.latest())
		c.public = c.item >= 0 && (chance(r, 0.35) || shape == shapeAcceptanceOverdue || shape == shapeOpen)
		if c.public {
			c.channel, c.severity = command.PublicComplaintChannel, command.PublicComplaintSeverity
			c.contact = fmt.Sprintf("1%02d %04d %04d", 30+r.IntN(60), r.IntN(10000), r.IntN(10000))
		}
		c.words, c.reason, c.answer = pick(r, consumerWords), pick(r, refusalReasons), pick(r, sellerAnswers)
		c.plan(r, shape, p.latest())
		p.final = append(p.final, fileComplaint{c})
		p.complaints = append(p.complaints, c)
	}
}

// saleFor is a sale for a case of shape: old enough for an overdue or a
// decided case (a filing more than 7 working days ago, an acceptance more
// than 45), and of a labelled item for the shapes filed through the public
// intake; any sale of the pool when none is.
func (p *plan) saleFor(r *rand.Rand, pool []*saleRecord, shape int) *saleRecord {
	days, labelled := 0, false
	switch shape {
	case shapeDrawn:
		return pick(r, pool)
	case shapeOpen:
		labelled = true
	case shapeAcceptanceOverdue:
		days, labelled = -35, true
	case shapeConclusionOverdue:
		days = -110
	default:
		days = -35
	}
	var fit []*saleRecord
	for _, s := range pool {
		if s.at.Before(p.latest().AddDate(0, 0, days)) && (!labelled || len(s.parts[0].items) > 0) {
			fit = append(fit, s)
		}
	}
	if len(fit) == 0 {
		return pick(r, pool)
	}
	return pick(r, fit)
}

// plan draws the case's steps up to today; a step later than today has
// not happened yet, and the case waits there.
func (c *complaint) plan(r *rand.Rand, shape int, today time.Time) {
	upTo := func(t time.Time) time.Time {
		if t.After(today) {
			return time.Time{}
		}
		return t
	}
	decide := after(r, c.at, 2, 24*6) // within the 7 working days
	if chance(r, 0.06) {
		decide = after(r, c.at, 24*12, 24*16) // late
	}
	refuse := chance(r, 0.08)
	transfer := chance(r, 0.07)
	c.mediated = chance(r, 0.45)
	c.upheld = chance(r, 0.4)
	openAfterAccept := chance(r, 0.1)
	switch shape {
	case shapeUpheld:
		c.upheld, refuse, transfer, c.mediated, openAfterAccept = true, false, false, false, false
	case shapeRejected:
		c.upheld, refuse, transfer, c.mediated, openAfterAccept = false, false, false, false, false
	case shapeMediated:
		c.upheld, refuse, transfer, c.mediated, openAfterAccept = true, false, false, true, false
	case shapeRefused:
		refuse = true
	case shapeTransferred:
		refuse, transfer, openAfterAccept = false, true, false
	case shapeOpen, shapeAcceptanceOverdue:
		return // never decided: filed (overdue once 7 working days have passed)
	case shapeConclusionOverdue, shapeAnswered:
		refuse, openAfterAccept = false, true
	case shapeAccepted:
		c.accepted = upTo(decide)
		return
	}
	if refuse {
		c.refused = upTo(decide)
		return
	}
	if c.accepted = upTo(decide); c.accepted.IsZero() {
		return
	}
	c.investigated = upTo(after(r, c.accepted, 2, 24*5))
	if c.investigated.IsZero() {
		return
	}
	if chance(r, 0.6) || shape == shapeAnswered || shape == shapeConclusionOverdue {
		c.answered = upTo(after(r, c.accepted, 1, 24*4))
		if c.answered.After(c.investigated) {
			c.answered = upTo(after(r, c.investigated, 1, 24*2))
		}
	}
	if openAfterAccept {
		return
	}
	end := upTo(after(r, c.investigated, 24*3, 24*40))
	if end.IsZero() || (!c.answered.IsZero() && !end.After(c.answered)) {
		return
	}
	if transfer {
		c.transferred = end
		return
	}
	c.resolved = end
	if c.upheld {
		c.outcome = pick(r, outcomesUpheld)
	} else {
		c.outcome = pick(r, outcomesRejected)
	}
}

// fileComplaint takes the complaint in (a regulator records 12315 intake;
// a consumer files through the public intake) and runs the case's steps.
type fileComplaint struct{ c *complaint }

func (s fileComplaint) run(ctx context.Context, x *runner) error {
	c := s.c
	var out command.Outcome
	var err error
	if c.public {
		out, err = x.cmds.SubmitComplaint(ctx, access.Actor{}, command.SubmitComplaint{Common: at(c.at), Item: c.l.codes[c.item],
			Category: c.category, Description: c.category + "：" + c.words, Contact: c.contact})
	} else {
		in := command.FileComplaint{Common: at(c.at), GTIN: c.l.pr.gtin, Lot: c.l.lot, AgainstUSCC: c.sale.seller.uscc,
			Category: c.category, Severity: c.severity, Channel: c.channel}
		if c.item >= 0 {
			in.Item = c.l.codes[c.item]
		}
		out, err = x.cmds.FileComplaint(ctx, regulator, in)
	}
	if err != nil {
		return fmt.Errorf("file complaint about %s against %s: %w", c.l.name(), c.sale.seller.name, err)
	}
	c.id = out.ComplaintID
	x.record(kComplaint, 1, out)
	return c.steps(ctx, x)
}

// steps records the case's steps after its filing, in time order.
func (c *complaint) steps(ctx context.Context, x *runner) error {
	id := c.id
	type step struct {
		t   time.Time
		k   kind
		run func() (command.Outcome, error)
	}
	yes := c.upheld
	conclusion := cases.ConclusionResolved
	if c.mediated {
		conclusion = cases.ConclusionMediated
	}
	steps := []step{
		{c.refused, kCaseStep, func() (command.Outcome, error) {
			return x.cmds.RefuseComplaint(ctx, regulator, command.RefuseComplaint{Common: at(c.refused), ComplaintID: id, Reason: c.reason})
		}},
		{c.accepted, kCaseStep, func() (command.Outcome, error) {
			return x.cmds.AcceptComplaint(ctx, regulator, command.AcceptComplaint{Common: at(c.accepted), ComplaintID: id})
		}},
		{c.investigated, kCaseStep, func() (command.Outcome, error) {
			return x.cmds.InvestigateComplaint(ctx, regulator, command.InvestigateComplaint{Common: at(c.investigated), ComplaintID: id, Note: "已通知经营者并调取进货台账"})
		}},
		{c.answered, kCaseStep, func() (command.Outcome, error) {
			return x.cmds.AnswerComplaint(ctx, c.sale.seller.actor(), command.AnswerComplaint{Common: at(c.answered), ComplaintID: id, Answer: c.answer})
		}},
		{c.resolved, kResolution, func() (command.Outcome, error) {
			return x.cmds.ResolveComplaint(ctx, regulator, command.ResolveComplaint{Common: at(c.resolved), ComplaintID: id, Substantiated: &yes,
				Outcome: c.outcome, Conclusion: conclusion})
		}},
		{c.transferred, kCaseStep, func() (command.Outcome, error) {
			return x.cmds.TransferComplaint(ctx, regulator, command.TransferComplaint{Common: at(c.transferred), ComplaintID: id,
				Authority: "海关缉私部门", Reason: "涉及进口商品来源，属海关职责"})
		}},
	}
	slices.SortStableFunc(steps, func(a, b step) int { return a.t.Compare(b.t) })
	for _, st := range steps {
		if st.t.IsZero() {
			continue
		}
		out, err := st.run()
		if err := x.finish(st.k, out, err, "complaint %s at %s", id, st.t.Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return nil
}

// complaintStates counts the planned cases by the status they end in.
func (p *plan) complaintStates() map[string]int {
	out := map[string]int{}
	for _, c := range p.complaints {
		out[string(c.status())]++
		if c.public {
			out["public_intake"]++
		}
	}
	return out
}

var (
	consumerWords  = []string{"开封后发现有异物", "包装破损，内容物变质", "标签上的生产日期模糊不清", "食用后身体不适", "与宣传不符"}
	refusalReasons = []string{"不属于消费纠纷，不予受理", "投诉人无法提供购买凭证，不予受理", "已由人民法院受理，不予受理"}
	sellerAnswers  = []string{"已与消费者联系，同意退货退款", "已下架同批次商品并送检", "经核对进货台账，该批次来源合法，检验合格"}
)
