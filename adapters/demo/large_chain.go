package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/shipment"
)

// chain is one batch's story in the large ledger: its steps in time order,
// each deciding on the batch's aggregates (and the shipment's or the
// declaration's) when its turn comes and giving the one append a command
// would have made. Units are taken from what each holder has when the step
// runs, so every movement is one the aggregates accept.
type chain struct {
	g      *large
	pr     *product
	r      *rand.Rand
	owner  *firm
	gtin   ident.GTIN
	lotID  ident.Lot
	lot    string
	b      *batch.Batch
	steps  []lstep
	next   int
	held   map[*firm]*lpile
	banned map[*firm]bool // failed a market inspection: sells no more
	// last is the time of its last event written, sellers the shops that
	// sold some of it: for the oversight.
	last    time.Time
	sellers []*firm
	// estimate is the events planned at opening, events those written.
	estimate, events int
	end              time.Time
}

// lstep is one command of the chain: do decides it at its moment and gives
// the append (nil: nothing to do after all, e.g. nothing left to sell).
type lstep struct {
	at     time.Time
	events int // events it is expected to append, for the estimate
	do     func(at time.Time) ([]event.Write, error)
}

// lpile is what one holder has of the batch, as the chain's steps left it.
type lpile struct {
	serials []string
	qty     int64
}

// open plans the next batch: a product that may trade, a moment in its
// trading window, and the batch's whole story from arrival to the last sale.
func (g *large) open() (*chain, error) {
	g.chains++
	r := rng(g.o.Seed, "large-batch", g.chains)
	var pr *product
	var arrive, produced, expires, end time.Time
	for try := 0; ; try++ {
		pr = pick(r, g.products)
		span := pr.to.Sub(pr.from) - 20*24*time.Hour
		arrive = pr.from.Add(time.Duration(r.Int64N(int64(span))))
		produced = arrive.AddDate(0, 0, -between(r, 7, 45)).Truncate(24 * time.Hour)
		expires = produced.AddDate(0, 0, pr.tmpl.shelfLife)
		end = minTime(minTime(pr.to, arrive.AddDate(0, 0, between(r, 40, 150))), expires.Add(-36*time.Hour))
		if end.Sub(arrive) >= 10*24*time.Hour || try >= 20 {
			break
		}
	}
	c := &chain{g: g, pr: pr, r: r, owner: pr.owner, held: map[*firm]*lpile{}, banned: map[*firm]bool{}, end: end}
	c.lot = "L" + produced.Format("060102") + strings.ToUpper(strconv.FormatInt(int64(g.chains), 36))
	var err error
	if c.gtin, err = ident.ParseGTIN(pr.gtin14); err != nil {
		return nil, fmt.Errorf("gtin %s: %w", pr.gtin14, err)
	}
	if c.lotID, err = ident.ParseLot(c.lot); err != nil {
		return nil, fmt.Errorf("lot %s: %w", c.lot, err)
	}
	if c.b, err = batch.Load(nil); err != nil {
		return nil, err
	}
	// Until one batch has labelled BigBatch units, the next batch does (a
	// batch refused at customs labels nothing).
	labels, big := g.unitsPerChain, g.sum.BigBatch[0] == "" && g.o.BigBatch > g.unitsPerChain
	if big {
		labels = g.o.BigBatch
	}
	qty := int64(labels + between(r, 600, 2400))
	c.add(arrive, 1, func(at time.Time) ([]event.Write, error) { return c.register(at, qty, produced, expires) })
	t := arrive
	if pr.imported() {
		var ok bool
		if t, ok = c.planCustoms(arrive); !ok {
			return c.sorted(), nil
		}
	}
	if n := labels; n > 0 {
		if big {
			g.sum.BigBatch = [2]string{pr.gtin14, c.lot}
		}
		t = after(r, t, 1, 8)
		for left := n; left > 0; left -= maxLabelsPerEvent {
			k := min(left, maxLabelsPerEvent)
			c.add(t, 1, func(at time.Time) ([]event.Write, error) { return c.label(at, k) })
		}
	}
	c.planTrade(t)
	return c.sorted(), nil
}

// maxLabelsPerEvent bounds one labelling (the command takes 10,000).
const maxLabelsPerEvent = 5000

func (c *chain) add(at time.Time, events int, do func(time.Time) ([]event.Write, error)) {
	c.steps = append(c.steps, lstep{at: at, events: events, do: do})
	c.estimate += events
}

// sorted puts the steps in time order; a step planned after its cause
// (a receipt after its dispatch) stays after it.
func (c *chain) sorted() *chain {
	sort.SliceStable(c.steps, func(i, j int) bool { return c.steps[i].at.Before(c.steps[j].at) })
	return c
}

func (c *chain) finished() bool { return c.next >= len(c.steps) }

// release drops what the oversight does not need of a finished chain.
func (c *chain) release() {
	c.steps, c.held, c.banned, c.b = nil, nil, nil, nil
}

// step runs the next step.
func (c *chain) step() ([]event.Write, error) {
	s := c.steps[c.next]
	c.next++
	ws, err := s.do(s.at)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.at.Format(time.RFC3339), err)
	}
	return ws, nil
}

// stop drops the steps not run yet (customs rejected the batch).
func (c *chain) stop() { c.steps = c.steps[:c.next] }

// agg is an aggregate with the stream it is kept in.
type agg struct {
	stream string
	r      interface {
		Version() uint64
		Changes() []event.Event
		Committed(occurredAt time.Time)
	}
}

// commit encodes what the aggregates raised as one append, each stream
// expecting the version its aggregate was at, the way a command commits.
func (c *chain) commit(at time.Time, by access.Actor, aggs ...agg) ([]event.Write, error) {
	md := event.Metadata{ActorUSCC: by.USCC, ActorRole: string(by.Role), OccurredAt: at}
	ws := make([]event.Write, 0, len(aggs))
	for _, a := range aggs {
		changes := a.r.Changes()
		if len(changes) == 0 {
			continue
		}
		w := event.Write{Stream: a.stream, Expected: event.Exact(a.r.Version()), Events: make([]event.Pending, 0, len(changes))}
		for _, e := range changes {
			p, err := event.NewPending(c.g.ids(), e, md)
			if err != nil {
				return nil, fmt.Errorf("encode %s: %w", e.EventType(), err)
			}
			w.Events = append(w.Events, p)
		}
		a.r.Committed(at)
		c.events += len(w.Events)
		c.last = maxTime(c.last, at)
		ws = append(ws, w)
	}
	return ws, nil
}

func (c *chain) batchAgg() agg { return agg{batch.Stream(c.gtin, c.lotID), c.b} }

func usccOf(f *firm) ident.USCC {
	u, err := ident.ParseUSCC(f.uscc)
	if err != nil {
		panic(fmt.Sprintf("demo enterprise %s: %v", f.uscc, err)) // minted valid by newUSCC
	}
	return u
}

func (c *chain) register(at time.Time, qty int64, produced, expires time.Time) ([]event.Write, error) {
	q, err := ident.NewQuantity(qty)
	if err != nil {
		return nil, err
	}
	origin, err := ident.ParseCountry(c.pr.origin)
	if err != nil {
		return nil, err
	}
	if err := c.b.Register(batch.Spec{GTIN: c.gtin, Lot: c.lotID, Quantity: q, ProducedOn: produced, ExpiresOn: expires,
		Owner: usccOf(c.owner), Origin: origin}); err != nil {
		return nil, err
	}
	c.held[c.owner] = &lpile{qty: qty}
	c.g.sum.Batches++
	return c.commit(at, c.owner.actor(), c.batchAgg())
}

// planCustoms plans the declaration, customs' inspection (about half) and
// decision: released, or (about one in twenty-five) rejected, which ends
// the story. It returns when the goods may move.
func (c *chain) planCustoms(arrive time.Time) (time.Time, bool) {
	r, g := c.r, c.g
	g.p.decls++
	seq := uint64(g.p.decls) * 2654435761 % 1_000_000_000
	no := fmt.Sprintf("%s%s1%09d", c.owner.region.port.office, arrive.Format("2006"), seq)
	dn, err := ident.ParseDeclarationNo(no)
	if err != nil {
		panic(fmt.Sprintf("declaration number %s: %v", no, err)) // 18 digits by construction
	}
	d, _ := customs.Load(nil)
	declared := after(r, arrive, 2, 6)
	c.add(declared, 1, func(at time.Time) ([]event.Write, error) {
		line := customs.Line{GTIN: c.pr.gtin14, Lot: c.lot, Quantity: c.held[c.owner].qty, HSCode: c.pr.tmpl.hs, OriginCountry: c.pr.origin}
		if err := d.Declare(dn, c.owner.region.port.name, usccOf(c.owner), []customs.Line{line}, []customs.Batch{c.b}); err != nil {
			return nil, err
		}
		g.sum.Declarations++
		return c.commit(at, c.owner.actor(), agg{customs.Stream(dn), d})
	})
	stream := customs.Stream(dn)
	t := after(r, declared, 20, 48)
	if chance(r, 0.55) {
		c.add(t, 1, func(at time.Time) ([]event.Write, error) {
			if err := d.Inspect("pass", ""); err != nil {
				return nil, err
			}
			return c.commit(at, regulator, agg{stream, d})
		})
	}
	decided := after(r, t, 24, 72)
	if chance(r, 0.04) {
		reason := pick(r, customsRejections)
		c.add(decided, 2, func(at time.Time) ([]event.Write, error) {
			if err := d.Reject(reason); err != nil {
				return nil, err
			}
			if err := c.b.Clear(no, batch.DecisionRejected, reason); err != nil {
				return nil, err
			}
			c.stop()
			return c.commit(at, regulator, agg{stream, d}, c.batchAgg())
		})
		return decided, false
	}
	c.add(decided, 2, func(at time.Time) ([]event.Write, error) {
		if err := d.Release(""); err != nil {
			return nil, err
		}
		if err := c.b.Clear(no, batch.DecisionReleased, ""); err != nil {
			return nil, err
		}
		return c.commit(at, regulator, agg{stream, d}, c.batchAgg())
	})
	return decided, true
}

// serialAlphabet is the label serials' alphabet (as the handlers mint them).
const serialAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newSerial mints a 12-character serial from a counter scrambled by an odd
// multiplier prime to 31 modulo 31^12: a bijection, so no serial repeats.
func (g *large) newSerial() string {
	const mod = 787662783788549761 // 31^12
	g.serial++
	n := g.serial * 0x2545F4914F6CDD1D % mod
	var b [12]byte
	for i := range b {
		b[i] = serialAlphabet[n%31]
		n /= 31
	}
	return string(b[:])
}

func (c *chain) label(at time.Time, n int) ([]event.Write, error) {
	h := c.held[c.owner]
	n = int(min(int64(n), h.qty))
	if n == 0 {
		return nil, nil
	}
	serials := make([]ident.Serial, n)
	texts := make([]string, n)
	for i := range serials {
		texts[i] = c.g.newSerial()
		s, err := ident.ParseSerial(texts[i])
		if err != nil {
			return nil, err
		}
		serials[i] = s
	}
	if err := c.b.Label(usccOf(c.owner), serials); err != nil {
		return nil, err
	}
	h.qty -= int64(n)
	h.serials = append(h.serials, texts...)
	c.g.sum.Labels += n
	return c.commit(at, c.owner.actor(), c.batchAgg())
}

// planTrade plans the goods' way from the owner (from t) to one to three
// distributors and a shop or two, from each distributor to two to five
// shops and platforms, and the sales and market inspections there.
func (c *chain) planTrade(t time.Time) {
	r, g := c.r, c.g
	not := map[*firm]bool{c.owner: true}
	var dists, direct []*firm
	for _, f := range chooseFirms(r, g.dists, between(r, 1, 3), not) {
		dists = append(dists, f)
		not[f] = true
	}
	direct = chooseFirms(r, g.sellers, between(r, 0, 2), not)
	type outlet struct {
		f  *firm
		at time.Time // received
	}
	var outlets []outlet
	targets := append(append([]*firm(nil), dists...), direct...)
	for i, to := range targets {
		sent := after(r, t, 4, 72)
		got := after(r, sent, 12, 72)
		c.planShipment(c.owner, to, sent, got, len(targets)-i)
		if i >= len(dists) {
			outlets = append(outlets, outlet{to, got})
			continue
		}
		shops := chooseFirms(r, g.sellers, between(r, 2, 5), map[*firm]bool{c.owner: true, to: true})
		for j, s := range shops {
			sent2 := after(r, got, 12, 120)
			got2 := after(r, sent2, 12, 72)
			c.planShipment(to, s, sent2, got2, len(shops)-j)
			outlets = append(outlets, outlet{s, got2})
		}
	}
	if len(outlets) == 0 {
		return
	}
	sales := max(10, chainEvents+between(r, -40, 40)-c.estimate)
	for range sales {
		o := outlets[r.IntN(len(outlets))]
		at := within(r, o.at.Add(time.Hour), c.end)
		seller := o.f
		c.add(at, 1, func(at time.Time) ([]event.Write, error) { return c.sell(at, seller) })
	}
	if chance(r, 0.4) {
		o := outlets[r.IntN(len(outlets))]
		at := within(r, o.at.Add(24*time.Hour), c.end)
		findings := marketFindings[c.pr.tmpl.category]
		pass := findings == "" || !chance(r, 0.05)
		c.add(at, 1, func(at time.Time) ([]event.Write, error) { return c.inspect(at, o.f, pass, findings) })
	}
}

// chooseFirms draws up to n distinct firms of pool not in not.
func chooseFirms(r *rand.Rand, pool []*firm, n int, not map[*firm]bool) []*firm {
	var out []*firm
	for _, i := range r.Perm(len(pool)) {
		if len(out) == n {
			break
		}
		if f := pool[i]; !not[f] {
			out = append(out, f)
		}
	}
	return out
}

// planShipment plans a dispatch and its receipt. The dispatch takes
// 1/(left+0.3) of what the sender has then, so the last of left shipments
// still leaves the sender some stock.
func (c *chain) planShipment(from, to *firm, sent, got time.Time, left int) {
	var id string
	var units batch.Units
	var s *shipment.Shipment
	c.add(sent, 2, func(at time.Time) ([]event.Write, error) {
		h := c.held[from]
		if h == nil {
			return nil, nil
		}
		share := 1 / (float64(left) + 0.3)
		units = batch.Units{Quantity: int64(float64(h.qty) * share)}
		if k := int(float64(len(h.serials)) * share); k > 0 {
			units.Serials = append([]string(nil), h.serials[:k]...)
		}
		if units.Count() == 0 {
			return nil, nil
		}
		goods, err := c.goods(units)
		if err != nil {
			return nil, err
		}
		id = c.g.ids().String()
		s, _ = shipment.Load(nil)
		waybill := c.g.p.waybill(c.r)
		if err := s.Dispatch(id, usccOf(from), usccOf(to), waybill, goods); err != nil {
			return nil, err
		}
		if err := c.b.Ship(id, usccOf(from), usccOf(to), waybill, units); err != nil {
			return nil, err
		}
		h.qty -= units.Quantity
		h.serials = h.serials[len(units.Serials):]
		c.g.sum.Shipments++
		return c.commit(at, from.actor(), agg{shipment.Stream(id), s}, c.batchAgg())
	})
	c.add(got, 2, func(at time.Time) ([]event.Write, error) {
		if s == nil {
			return nil, nil
		}
		if err := s.Receive(to.actor()); err != nil {
			return nil, err
		}
		if err := c.b.Receive(id, usccOf(to), batch.ReceiptTerms{Certificate: c.g.status[c.pr]}); err != nil {
			return nil, err
		}
		h := c.held[to]
		if h == nil {
			h = &lpile{}
			c.held[to] = h
		}
		h.qty += units.Quantity
		h.serials = append(h.serials, units.Serials...)
		c.g.sum.Receipts++
		return c.commit(at, to.actor(), agg{shipment.Stream(id), s}, c.batchAgg())
	})
}

// goods are units of this batch as a movement names them.
func (c *chain) goods(u batch.Units) (batch.Goods, error) {
	items := make([]ident.ItemCode, len(u.Serials))
	for i, s := range u.Serials {
		serial, err := ident.ParseSerial(s)
		if err != nil {
			return batch.Goods{}, err
		}
		items[i] = ident.ItemCode{GTIN: c.gtin, Lot: c.lotID, Serial: serial}
	}
	var lines []batch.Line
	if u.Quantity > 0 {
		q, err := ident.NewQuantity(u.Quantity)
		if err != nil {
			return batch.Goods{}, err
		}
		lines = []batch.Line{{GTIN: c.gtin, Lot: c.lotID, Quantity: q}}
	}
	return batch.NewGoods(items, lines)
}

// sell sells one labelled item (about one sale in four where the shop has
// any) or one to six units of what the seller has.
func (c *chain) sell(at time.Time, seller *firm) ([]event.Write, error) {
	h := c.held[seller]
	if h == nil || c.banned[seller] {
		return nil, nil
	}
	var u batch.Units
	switch {
	case len(h.serials) > 0 && (h.qty == 0 || chance(c.r, 0.25)):
		u.Serials = []string{h.serials[len(h.serials)-1]}
	case h.qty > 0:
		u.Quantity = min(h.qty, int64(between(c.r, 1, 6)))
	default:
		return nil, nil
	}
	terms := batch.SaleTerms{Certificate: c.g.status[c.pr], Now: at}
	if err := c.b.Sell(usccOf(seller), channel(&sim{r: c.r}, seller), u, terms); err != nil {
		return nil, err
	}
	h.qty -= u.Quantity
	if len(u.Serials) > 0 {
		h.serials = h.serials[:len(h.serials)-1]
		if c.g.sum.SampleItem[0] == "" {
			c.g.sum.SampleItem = [3]string{c.pr.gtin14, c.lot, u.Serials[0]}
		}
	}
	if !slices.Contains(c.sellers, seller) {
		c.sellers = append(c.sellers, seller)
	}
	c.g.sum.Sales++
	c.g.sum.SoldUnits += u.Count()
	return c.commit(at, seller.actor(), c.batchAgg())
}

// inspect is a market inspection (抽检) at a shop; after a failed one the
// shop sells no more of the batch.
func (c *chain) inspect(at time.Time, shop *firm, pass bool, findings string) ([]event.Write, error) {
	if c.held[shop] == nil {
		return nil, nil
	}
	result := "pass"
	if pass {
		findings = ""
	} else {
		result = "fail"
		c.banned[shop] = true
	}
	if err := c.b.Inspect(usccOf(shop), result, findings); err != nil {
		return nil, err
	}
	c.g.sum.Inspections++
	return c.commit(at, regulator, c.batchAgg())
}
