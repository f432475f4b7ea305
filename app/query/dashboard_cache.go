package query

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// DefaultDashboardCache is how many dashboard answers a CachedAnalytics
// keeps by default: one per filter, as_of and panel a busy dashboard asks
// for within one log position.
const DefaultDashboardCache = 256

// CachedAnalytics answers an engine's dashboards at most once per question
// and log position, and, while the log moves, at most once per question
// every DashboardRefresh: an answer is kept with the position its models
// had reached when it was asked (progress.Position, read before the engine
// answers, so the answer folds at least that position), the instant it was
// computed, and the exact question (panel, as_of, filter, limit, key,
// period, page). It is served again while the models are still at its
// position, or, when they have moved, while it is younger than
// DashboardRefresh and at least at the position the client asked for
// (Read.MinPosition, which Dashboards passes down; a caller that passes
// none gets an answer at the models' current position). So a dashboard
// read while a writer moves the log costs a look-up, and the engine's pass
// over every enterprise runs at most once a second per question, however
// many enterprises and requests there are; no answer is older than the
// position a client waited for. At most capacity answers are kept, the
// least recently asked dropped first.
//
// as_of is part of the key as given: an answer is exact for its instant.
// Callers that ask "as of now" choose how coarse their now is (the HTTP
// routes use the start of the current second).
//
// Answers are shared between callers: their slices must not be modified.
type CachedAnalytics struct {
	engine   Analytics
	progress Progress
	capacity int
	now      func() time.Time

	mu      sync.Mutex
	entries map[dashboardKey]*list.Element
	order   *list.List // of *dashboardEntry, most recently asked first
}

var _ Analytics = (*CachedAnalytics)(nil)

// NewCachedAnalytics caches engine's answers by progress's position; a
// capacity below 1 is DefaultDashboardCache.
func NewCachedAnalytics(engine Analytics, progress Progress, capacity int) *CachedAnalytics {
	if capacity < 1 {
		capacity = DefaultDashboardCache
	}
	return &CachedAnalytics{engine: engine, progress: progress, capacity: capacity, now: time.Now,
		entries: map[dashboardKey]*list.Element{}, order: list.New()}
}

// DashboardRefresh is how long a dashboard answer may be served after the
// log moved past the position it was computed at.
const DashboardRefresh = time.Second

// floorKey carries the position a client asked for (Read.MinPosition) from
// Dashboards to the cache.
type floorKey struct{}

// withFloor marks ctx with the lowest position an answer may be at.
func withFloor(ctx context.Context, pos uint64) context.Context {
	return context.WithValue(ctx, floorKey{}, pos)
}

// floorOf is the lowest position an answer to ctx may be at: the one
// withFloor set, or else current.
func floorOf(ctx context.Context, current uint64) uint64 {
	if v, ok := ctx.Value(floorKey{}).(uint64); ok {
		return v
	}
	return current
}

// dashboardKey is one question: its panel and every parameter an answer
// depends on. Times are kept as instants (Unix nanoseconds).
type dashboardKey struct {
	panel          string
	asOf           int64
	filter         DashboardFilter
	limit          int
	by             RateKey
	from, to       int64
	page           RatePage
	periodFromZero bool
	periodToZero   bool
}

type dashboardEntry struct {
	key    dashboardKey
	answer any
	pos    uint64    // the models' position when it was asked
	at     time.Time // when it was computed
}

// keyOf is the key of a panel's question; the filter's period is kept as
// instants.
func keyOf(panel string, asOf time.Time, f DashboardFilter) dashboardKey {
	period := f.Period
	f.Period = RatePeriod{}
	return dashboardKey{panel: panel, asOf: asOf.UnixNano(), filter: f}.withPeriod(period)
}

func (k dashboardKey) withPeriod(p RatePeriod) dashboardKey {
	k.periodFromZero, k.periodToZero = p.From.IsZero(), p.To.IsZero()
	if !k.periodFromZero {
		k.from = p.From.UnixNano()
	}
	if !k.periodToZero {
		k.to = p.To.UnixNano()
	}
	return k
}

// Len is how many answers are kept.
func (c *CachedAnalytics) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

func (c *CachedAnalytics) get(pos, floor uint64, k dashboardKey) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	e := el.Value.(*dashboardEntry)
	if e.pos < floor || (e.pos != pos && c.now().Sub(e.at) >= DashboardRefresh) {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.answer, true
}

func (c *CachedAnalytics) put(pos uint64, k dashboardKey, answer any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		e := el.Value.(*dashboardEntry)
		if e.pos <= pos {
			// An answer computed while another, at a newer position, was
			// kept does not replace it.
			e.answer, e.pos, e.at = answer, pos, c.now()
		}
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&dashboardEntry{key: k, answer: answer, pos: pos, at: c.now()})
	for c.order.Len() > c.capacity {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*dashboardEntry).key)
	}
}

// cachedAnswer answers k from the cache, or asks the engine and keeps its
// answer under the models' position.
func cachedAnswer[T any](ctx context.Context, c *CachedAnalytics, k dashboardKey, ask func() (T, error)) (T, error) {
	pos := c.progress.Position()
	if v, ok := c.get(pos, floorOf(ctx, pos), k); ok {
		return v.(T), nil
	}
	v, err := ask()
	if err != nil {
		return v, err
	}
	c.put(pos, k, v)
	return v, nil
}

// Enterprises is the engine's set f keeps (shared: read it only).
func (c *CachedAnalytics) Enterprises(ctx context.Context, f DashboardFilter) (EnterpriseSet, error) {
	if !f.Scoped() {
		return c.engine.Enterprises(ctx, f)
	}
	return cachedAnswer(ctx, c, keyOf("enterprises", time.Time{}, f), func() (EnterpriseSet, error) {
		return c.engine.Enterprises(ctx, f)
	})
}

// Grades is the engine's grade distribution.
func (c *CachedAnalytics) Grades(ctx context.Context, asOf time.Time, f DashboardFilter) (GradeDistribution, error) {
	out, err := cachedAnswer(ctx, c, keyOf("grades", asOf, f), func() (GradeDistribution, error) {
		return c.engine.Grades(ctx, asOf, f)
	})
	out.AsOf = asOf
	return out, err
}

// TopRisks is the engine's riskiest enterprises.
func (c *CachedAnalytics) TopRisks(ctx context.Context, asOf time.Time, limit int, f DashboardFilter) (TopRisks, error) {
	k := keyOf("top-risks", asOf, f)
	k.limit = limit
	out, err := cachedAnswer(ctx, c, k, func() (TopRisks, error) {
		return c.engine.TopRisks(ctx, asOf, limit, f)
	})
	out.AsOf = asOf
	return out, err
}

// RiskTrend is the engine's risk events by month.
func (c *CachedAnalytics) RiskTrend(ctx context.Context, asOf time.Time, f DashboardFilter) (RiskTrend, error) {
	out, err := cachedAnswer(ctx, c, keyOf("risk-trend", asOf, f), func() (RiskTrend, error) {
		return c.engine.RiskTrend(ctx, asOf, f)
	})
	out.AsOf = asOf
	return out, err
}

// Rates is the engine's rates by category or origin.
func (c *CachedAnalytics) Rates(ctx context.Context, asOf time.Time, by RateKey, f DashboardFilter) (Rates, error) {
	k := keyOf("rates", asOf, f)
	k.by = by
	out, err := cachedAnswer(ctx, c, k, func() (Rates, error) {
		return c.engine.Rates(ctx, asOf, by, f)
	})
	out.AsOf = asOf
	return out, err
}

// Recalls is the engine's recall dashboard.
func (c *CachedAnalytics) Recalls(ctx context.Context, asOf time.Time, f DashboardFilter) (RecallDashboard, error) {
	out, err := cachedAnswer(ctx, c, keyOf("recalls", asOf, f), func() (RecallDashboard, error) {
		return c.engine.Recalls(ctx, asOf, f)
	})
	out.AsOf = asOf
	return out, err
}

// RankedRates is the engine's ranked rates page.
func (c *CachedAnalytics) RankedRates(ctx context.Context, asOf time.Time, by RateKey, period RatePeriod, page RatePage) (Rates, error) {
	k := keyOf("ranked-rates", asOf, DashboardFilter{}).withPeriod(period)
	k.by, k.page = by, page
	out, err := cachedAnswer(ctx, c, k, func() (Rates, error) {
		return c.engine.RankedRates(ctx, asOf, by, period, page)
	})
	out.AsOf = asOf
	return out, err
}
