package demo

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// reminder: a day and a half after an open recall starts, its initiator
// (or the regulator who ordered it) reminds the holders that have not
// acknowledged the notice (every other holder: see acknowledgements). A
// recall that closes, or whose holders all acknowledge, has none.
func (rp *recallPlan) reminder() []timedStep {
	if rp.closes {
		return nil
	}
	seen := map[*firm]bool{rp.owner(): true}
	n := 0
	for _, g := range rp.groups {
		for _, h := range g.sim.order {
			if !seen[h.f] {
				seen[h.f] = true
				n++
			}
		}
	}
	if n < 2 {
		return nil
	}
	at := rp.at.Add(36 * time.Hour)
	return []timedStep{{at, remindHolders{rp, at}}}
}

// remindHolders reminds a recall's holders yet to acknowledge its notice.
type remindHolders struct {
	rp *recallPlan
	at time.Time
}

func (s remindHolders) run(ctx context.Context, x *runner) error {
	actor := s.rp.owner().actor()
	if s.rp.ordered {
		actor = regulator
	}
	out, err := x.cmds.RemindRecallHolders(ctx, actor, command.RemindRecallHolders{Common: at(s.at), RecallID: s.rp.id,
		Note: "请尽快在召回通知中确认收到，并按召回措施停止销售、下架封存"})
	return x.finish(kRecallReminder, out, err, "remind the holders of recall %s", s.rp.id)
}
