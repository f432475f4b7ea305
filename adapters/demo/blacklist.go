package demo

import (
	"math/rand/v2"
	"time"
)

// lateRecall is a level-2 recall a regulator ordered 75 days ago of a
// domestic lot, whose holders returned everything only after its deadline
// (20 working days): it was closed 15 days ago. The owner is on the
// published blacklist from the deadline until the closing, and the missed
// deadline stays in its grade after.
func (p *plan) lateRecall(r *rand.Rand, find func(at time.Time) []*group) *recallPlan {
	rp := &recallPlan{level: 2, at: p.daysAgo(r, 75), ordered: true, closes: true, closeAt: p.daysAgo(r, 15),
		reason: "监督抽检霉菌超标，可能对健康造成危害",
		hazard: "霉菌超标，长期食用可能危害健康", knownBefore: 20 * time.Hour,
		scope: "该批次全部产品，全部销售渠道", measures: "停止销售并下架，退回生产企业；已购买的消费者可到原购买处退货"}
	rp.groups = find(rp.at)
	return rp
}
