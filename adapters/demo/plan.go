package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// plan is the whole data set, decided before the first command: who exists,
// what they make, and every command each batch group will see, in the order
// it happens. Deciding everything first keeps the data a pure function of
// the seed, however the commands are later interleaved across workers, and
// lets the plan check its own story (nobody sells what has not arrived)
// before the ledger checks it again.
type plan struct {
	seed  uint64
	items int
	now   time.Time
	today time.Time // midnight UTC of now: dates count back from it

	firms    []*firm
	products []*product
	groups   []*group
	recalls  []*recallPlan
	final    []step // oversight: run one by one after the trade
	// complaints are the complaint cases planned (complaints.go).
	complaints []*complaint

	sales       []*saleRecord // every sale, for complaints to name
	inspections []*inspection // market inspections, for penalties to follow
	decls       int           // declarations numbered so far
	waybills    int           // waybills numbered so far
	// sample is the first sale of a labelled item, imported, certified and
	// bought at a shop a distributor supplied; anySample the first sale of a
	// labelled item outside a recall, for data sets too small to have one.
	sample, anySample *saleRecord
	// dairy is the dairy chain (dairy.go); dairyMilk its raw milk lot.
	dairy     []step
	dairyMilk [2]string
}

// newPlan decides the data set for the given scale, seed and clock.
func newPlan(items int, seed uint64, now time.Time) (*plan, error) {
	p := &plan{seed: seed, items: items, now: now.UTC()}
	p.today = p.now.Truncate(24 * time.Hour)
	if err := p.planFirms(); err != nil {
		return nil, fmt.Errorf("plan enterprises: %w", err)
	}
	if err := p.planProducts(); err != nil {
		return nil, fmt.Errorf("plan products: %w", err)
	}
	p.nameOats()
	p.planBatches()
	p.planRecalls()
	for _, g := range p.groups {
		g.simulate(p)
	}
	p.planOversight()
	if err := p.planDairy(); err != nil {
		return nil, fmt.Errorf("plan the dairy chain: %w", err)
	}
	return p, nil
}

// firmsWith lists the firms with role, in roster order; main limits the
// list to firms whose first role it is.
func (p *plan) firmsWith(role string, main bool) []*firm {
	var out []*firm
	for _, f := range p.firms {
		if (main && f.roles[0] == role) || (!main && f.has(role)) {
			out = append(out, f)
		}
	}
	return out
}

// daysAgo is a moment in business hours (08:00-20:00 China time) n days
// before today.
func (p *plan) daysAgo(r *rand.Rand, n int) time.Time {
	return p.today.AddDate(0, 0, -n).Add(time.Duration(r.IntN(12*60)) * time.Minute)
}

// latest is the last moment anything in the data set happens: the data set
// describes the past up to yesterday evening.
func (p *plan) latest() time.Time { return p.today.Add(-4 * time.Hour) }

// within returns a uniform moment in [from, to] (from when to is earlier).
func within(r *rand.Rand, from, to time.Time) time.Time {
	if !to.After(from) {
		return from
	}
	return from.Add(time.Duration(r.Int64N(int64(to.Sub(from)))))
}

// after returns a moment between lo and hi hours after t.
func after(r *rand.Rand, t time.Time, lo, hi int) time.Time {
	return t.Add(time.Duration(lo)*time.Hour + time.Duration(r.Int64N(int64(time.Duration(hi-lo)*time.Hour)+1)))
}

// date is the calendar date the ledger's date fields take.
func date(t time.Time) string { return t.UTC().Format("2006-01-02") }

// clamp bounds n to [lo, hi].
func clamp(n, lo, hi int) int { return max(lo, min(hi, n)) }
