package demo

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
	products "github.com/traceledger/traceledger/domain/product"
)

// BulkStore is the event store's bulk path: many appends in one
// all-or-nothing transaction, decided and chained as ordinary appends are
// (sqlite.Store.AppendBulk).
type BulkStore interface {
	AppendBulk(ctx context.Context, appends [][]event.Write) ([]event.Record, error)
}

// LargeOptions tune Generate. Zero values take the defaults.
type LargeOptions struct {
	// Events is about how many events the ledger gets (default 1,000,000):
	// Generate stops opening batches once it is reached, so the total
	// passes it by less than the events of the batches still trading.
	Events int
	// Units is about how many units get labels (default Events/10).
	Units int
	// BigBatch is how many units the first batch labels at least, so a
	// ledger of any size has one batch whose downstream trace is that
	// large (default 10,000 from 100,000 events; 0 below).
	BigBatch int
	// Seed selects the data set (default 1).
	Seed uint64
	// Now is the moment the data set leads up to (default time.Now()).
	Now time.Time
	// BulkEvents is about how many events one bulk transaction carries
	// (default 20,000).
	BulkEvents int
	// Active is how many batches trade at once, their events interleaved
	// in the log as concurrent commands' are (default 64).
	Active int
	// Progress, when set, is told the events written and the target after
	// each bulk.
	Progress func(done, total int)
	// Written, when set, sees every record written, in log order, after
	// its bulk committed (e.g. to build the Merkle tree a checkpoint signs).
	Written func(recs []event.Record) error
}

func (o LargeOptions) withDefaults() LargeOptions {
	if o.Events <= 0 {
		o.Events = 1_000_000
	}
	if o.Units <= 0 {
		o.Units = max(o.Events/10, 1)
	}
	if o.BigBatch == 0 && o.Events >= 100_000 {
		o.BigBatch = 10_000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.BulkEvents <= 0 {
		o.BulkEvents = 20_000
	}
	if o.Active <= 0 {
		o.Active = 64
	}
	return o
}

// LargeSummary is what Generate wrote. Counts are of events of one type.
type LargeSummary struct {
	Events       int // every event in the ledger afterwards
	Enterprises  int
	Products     int
	Batches      int
	Declarations int
	Labels       int // labelled units
	Shipments    int
	Receipts     int
	Sales        int
	SoldUnits    int64
	Inspections  int
	Recalls      int
	Complaints   int
	Bulks        int // bulk transactions
	// Importer and Retailer are enterprises to make tokens for; SampleItem
	// a sold item's GTIN-14, lot and serial; SampleGTIN an imported
	// product with an issued certificate.
	Importer, Retailer, SampleGTIN string
	SampleItem                     [3]string
	// BigBatch is the GTIN-14 and lot of the batch that labelled
	// LargeOptions.BigBatch units.
	BigBatch [2]string
	Elapsed  time.Duration
}

// Generate writes a large ledger with the demo's shapes: the demo's
// enterprises (by role and region) and products with their certificates,
// recorded through the command handlers, then as many batches as it takes
// to reach o.Events, each with the demo's story (registration; for imports a
// customs declaration, inspection and release or rejection; labels; trade
// from the owner through distributors to shops and platforms; months of
// sales; market inspections), then recalls and complaints through the
// handlers again. The batches are decided by the domain's own aggregates
// (batch, shipment, customs declaration), which raise their own events,
// and written through the store's bulk path, bulk by bulk, so that millions
// of events take minutes; cmds must append to the same store. Like Run it
// expects a ledger without this seed's data.
//
// The data set is a function of the options; the handlers' part draws its
// ids from IDs(o.Seed), the batches theirs from the seed too.
func Generate(ctx context.Context, cmds Commands, store BulkStore, o LargeOptions) (LargeSummary, error) {
	o = o.withDefaults()
	began := time.Now()
	// The demo's scale parameter decides the products (up to 300): about
	// one per 33,000 events.
	p := &plan{seed: o.Seed, items: clamp(o.Events/500, 1600, 20_000), now: o.Now.UTC()}
	p.today = p.now.Truncate(24 * time.Hour)
	if err := p.planFirms(); err != nil {
		return LargeSummary{}, fmt.Errorf("generate: plan enterprises: %w", err)
	}
	if err := p.planProducts(); err != nil {
		return LargeSummary{}, fmt.Errorf("generate: plan products: %w", err)
	}
	x := &runner{cmds: cmds}
	for _, ph := range p.phases()[:2] {
		if err := x.runChains(ctx, ph.chains, 8); err != nil {
			return LargeSummary{}, fmt.Errorf("generate: %s: %w", ph.name, err)
		}
	}
	g := newLarge(p, store, o, int(x.events.Load()))
	if err := g.run(ctx); err != nil {
		_ = g.wait() // the bulk in flight, if any, ends before the store may close
		return LargeSummary{}, fmt.Errorf("generate: %w", err)
	}
	if err := g.oversee(ctx, x); err != nil {
		return LargeSummary{}, fmt.Errorf("generate: %w", err)
	}
	s := g.sum
	s.Events = g.written + int(x.events.Load())
	s.Enterprises, s.Products = x.count(kEnterprise), x.count(kProduct)
	s.Elapsed = time.Since(began)
	if f := p.firmsWith("importer", true); len(f) > 0 {
		s.Importer = f[0].uscc
	}
	if f := p.sellers(); len(f) > 0 {
		s.Retailer = f[0].uscc
	}
	return s, nil
}

// large is one run of Generate: the batches trading, the bulk being built.
type large struct {
	p      *plan
	store  BulkStore
	o      LargeOptions
	r      *rand.Rand
	ids    func() uuid.UUID
	serial uint64 // serials minted so far

	products []*product // those whose goods may trade
	sellers  []*firm
	dists    []*firm
	status   map[*product]products.Status

	active  []*chain
	done    []*chain // finished chains the oversight may name (a sample)
	planned int      // events written and planned by the chains opened
	written int      // events the bulks wrote
	base    int      // events recorded before the first bulk
	pending [][]event.Write
	events  int // events in pending
	// inflight is the bulk being written, answering once; finished closes
	// when its write returned, failed then tells whether it failed. A bulk
	// is written only after the one before it: its expected versions
	// follow that one's.
	inflight chan bulkResult
	finished chan struct{}
	failed   *atomic.Bool
	sum      LargeSummary
	chains   int
	// unitsPerChain is how many units each batch labels.
	unitsPerChain int
}

// chainEvents is about how many events one batch's story has (the demo's
// proportion: 150 events per batch, most of them sales).
const chainEvents = 150

func newLarge(p *plan, store BulkStore, o LargeOptions, base int) *large {
	g := &large{p: p, store: store, o: o, r: rng(o.Seed, "large"), ids: timeOrderedIDs(o.Seed, o.Now),
		status: map[*product]products.Status{}, base: base, planned: base}
	for _, pr := range p.products {
		switch pr.cert.story {
		case certRejected, certNotified:
			continue
		}
		if pr.to.Sub(pr.from) < 30*24*time.Hour {
			continue
		}
		g.products = append(g.products, pr)
		// Within [from, to] an imported product's certificate is issued;
		// a domestic one needs none.
		g.status[pr] = products.StatusNone
		if pr.imported() {
			g.status[pr] = products.StatusIssued
			if g.sum.SampleGTIN == "" && pr.cert.story == certIssued {
				g.sum.SampleGTIN = pr.gtin
			}
		}
	}
	for _, f := range p.sellers() {
		g.sellers = append(g.sellers, f)
	}
	g.dists = p.firmsWith("distributor", false)
	chains := max(1, (o.Events-base)/chainEvents)
	g.unitsPerChain = max(0, o.Units/chains)
	return g
}

// run opens batches until the target is planned, interleaves their steps
// (a random trading batch takes the next step, as concurrent commands
// would) and writes them bulk by bulk.
func (g *large) run(ctx context.Context) error {
	if len(g.products) == 0 {
		return fmt.Errorf("no product may trade in this data set")
	}
	for {
		for len(g.active) < g.o.Active && g.planned < g.o.Events {
			c, err := g.open()
			if err != nil {
				return err
			}
			g.active = append(g.active, c)
			g.planned += c.estimate
		}
		if len(g.active) == 0 {
			break
		}
		i := g.r.IntN(len(g.active))
		c := g.active[i]
		ws, err := c.step()
		if err != nil {
			return fmt.Errorf("batch %s/%s: %w", c.pr.gtin14, c.lot, err)
		}
		if ws != nil {
			g.pending = append(g.pending, ws)
			for _, w := range ws {
				g.events += len(w.Events)
			}
		}
		if c.finished() {
			g.active[i] = g.active[len(g.active)-1]
			g.active = g.active[:len(g.active)-1]
			g.planned += c.events - c.estimate
			if len(g.done) < 512 || g.r.IntN(8) == 0 {
				g.keep(c)
			}
		}
		if g.events >= g.o.BulkEvents {
			if err := g.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := g.flush(ctx); err != nil {
		return err
	}
	return g.wait()
}

// keep remembers a finished batch for the oversight, at most 512.
func (g *large) keep(c *chain) {
	c.release()
	if len(g.done) < 512 {
		g.done = append(g.done, c)
		return
	}
	g.done[g.r.IntN(len(g.done))] = c
}

// flush hands the pending appends to the store as one bulk, written while
// the next bulk is being decided and only once the bulk before it is written
// (its expected versions follow that one's). The bulk before it is then
// waited for and its records handed on. A failed bulk fails the run, and no
// bulk after it is written: the ledger written so far is partial and is not
// to be used.
func (g *large) flush(ctx context.Context) error {
	if len(g.pending) == 0 {
		return g.wait()
	}
	appends, events := g.pending, g.events
	g.pending, g.events = make([][]event.Write, 0, len(appends)), 0
	prev, prevFinished, prevFailed := g.inflight, g.finished, g.failed
	done, finished, failed := make(chan bulkResult, 1), make(chan struct{}), new(atomic.Bool)
	g.inflight, g.finished, g.failed = done, finished, failed
	go func() {
		defer close(finished)
		if prevFinished != nil {
			<-prevFinished
			if prevFailed.Load() {
				failed.Store(true)
				done <- bulkResult{nil, fmt.Errorf("bulk of %d events: not written: the bulk before it failed", events)}
				return
			}
		}
		recs, err := g.store.AppendBulk(ctx, appends)
		if err != nil {
			failed.Store(true)
			err = fmt.Errorf("bulk of %d events: %w", events, err)
		}
		done <- bulkResult{recs, err}
	}()
	if prev == nil {
		return nil
	}
	return g.took(<-prev)
}

// bulkResult is what a bulk in flight answers.
type bulkResult struct {
	recs []event.Record
	err  error
}

// wait waits for the bulk in flight, if any, and takes its records.
func (g *large) wait() error {
	if g.inflight == nil {
		return nil
	}
	res := <-g.inflight
	g.inflight = nil
	return g.took(res)
}

// took counts a written bulk and hands its records to Written, on the
// generator's goroutine, in log order.
func (g *large) took(res bulkResult) error {
	if res.err != nil {
		return res.err
	}
	g.written += len(res.recs)
	g.sum.Bulks++
	if g.o.Written != nil {
		if err := g.o.Written(res.recs); err != nil {
			return err
		}
	}
	if g.o.Progress != nil {
		g.o.Progress(g.base+g.written, g.o.Events)
	}
	return nil
}

// timeOrderedIDs returns deterministic UUIDv7-shaped ids: the millisecond
// field counts up from now with the ids drawn, the rest is a mix of the seed
// and the count. The event store's unique index on event ids then grows at
// its end, as with the handlers' own time-ordered ids.
func timeOrderedIDs(seed uint64, now time.Time) func() uuid.UUID {
	var n uint64
	ms := uint64(now.UnixMilli())
	base := mix64(seed ^ 0x1a59e_1ed9e)
	return func() uuid.UUID {
		n++
		var u uuid.UUID
		t := ms + n/256
		binary.BigEndian.PutUint64(u[:8], t<<16)
		binary.BigEndian.PutUint64(u[8:], mix64(base+n*0x9e3779b97f4a7c15))
		r := mix64(base ^ n)
		u[6] = 0x70 | byte(r>>8)&0x0f // version 7
		u[7] = byte(r)
		u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
		return u
	}
}

// oversee records, through the command handlers, what regulators and
// consumers do about some of the finished batches, in the demo's
// proportions: a recall by the owner for about one batch's worth of
// events in 25,000 (level 3, a label defect: stop selling, return to the
// owner), and a 12315 complaint against a shop that sold the batch for
// about one in 1,000.
func (g *large) oversee(ctx context.Context, x *runner) error {
	r := rng(g.o.Seed, "large-oversight")
	latest := g.p.latest()
	recalls := max(1, g.written/25_000)
	for i, c := range g.done {
		if g.sum.Recalls == recalls {
			break
		}
		if len(c.sellers) == 0 {
			continue // recalled goods are goods on the market
		}
		when := minTime(c.last.Add(2*time.Hour), latest)
		in := command.StartRecall{Common: at(when), Level: 3, InitiatedByUSCC: c.owner.uscc,
			Reason:   "中文标签未标注原产国及境内代理商名称，不符合GB 7718要求",
			Hazard:   "标签缺陷，不影响食用安全",
			Scope:    "该批次全部产品",
			Measures: "停止销售，退回" + c.owner.name + "重新加贴合格中文标签或销毁",
			Contact:  c.owner.name + " " + c.owner.contact,
			Batches:  []command.BatchRef{{GTIN: c.pr.gtin, Lot: c.lot}}}
		out, err := x.cmds.StartRecall(ctx, c.owner.actor(), in)
		if err != nil {
			return fmt.Errorf("recall %d of %s/%s: %w", i, c.pr.gtin14, c.lot, err)
		}
		x.record(kRecall, 1, out)
		g.sum.Recalls++
	}
	complaints := max(1, g.written/1_000)
	for i := 0; i < complaints && len(g.done) > 0; i++ {
		c := g.done[r.IntN(len(g.done))]
		if len(c.sellers) == 0 {
			continue
		}
		seller := c.sellers[r.IntN(len(c.sellers))]
		when := within(r, minTime(c.last.Add(time.Hour), latest), latest)
		in := command.FileComplaint{Common: at(when), GTIN: c.pr.gtin, Lot: c.lot, AgainstUSCC: seller.uscc,
			Category: pick(r, complaintCategories), Severity: between(r, 1, 3), Channel: pick(r, complaintChannels)}
		out, err := x.cmds.FileComplaint(ctx, regulator, in)
		if err != nil {
			return fmt.Errorf("complaint %d about %s/%s: %w", i, c.pr.gtin14, c.lot, err)
		}
		x.record(kComplaint, 1, out)
		g.sum.Complaints++
	}
	return nil
}
