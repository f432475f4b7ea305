package epcisview

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

// trade is a few batches shipped, received and sold at event times out of
// log order, as clients' occurred_at are.
func trade() []runner.Envelope {
	rng := rand.New(rand.NewPCG(1, 2))
	var evs []runner.Envelope
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	add := func(e ...runner.Envelope) { evs = append(evs, e...) }
	for b := range 4 {
		lot := fmt.Sprintf("L%d", b)
		owner := []string{imp, shop}[b%2]
		add(runnertest.Envelopes(start, batch.Registered{GTIN: gtin, Lot: lot, Quantity: 100, OwnerUSCC: owner})...)
		for i := range 30 {
			s := fmt.Sprintf("S%d", i%7)
			switch i % 3 {
			case 0:
				add(runnertest.Envelopes(start, batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: fmt.Sprintf("SH%d-%d", b, i), FromUSCC: owner, ToUSCC: shop, Units: batch.Units{Serials: []string{s}}})...)
			case 1:
				add(runnertest.Envelopes(start, batch.Received{GTIN: gtin, Lot: lot, ShipmentID: fmt.Sprintf("SH%d-%d", b, i-1), ToUSCC: shop, Units: batch.Units{Serials: []string{s}}})...)
			default:
				add(runnertest.Envelopes(start, batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: shop, Units: batch.Units{Quantity: 2}})...)
			}
		}
	}
	for i := range evs {
		evs[i].Position, evs[i].ID = uint64(i+1), uuid.New()
		// Whole minutes, so that some events share an event time.
		evs[i].Metadata.OccurredAt = start.Add(time.Duration(rng.IntN(120)) * time.Minute)
		evs[i].Metadata.RecordedAt = start.Add(time.Duration(i) * time.Second)
	}
	return evs
}

// reference answers a filter from every event, as the model did when it
// held them in memory: test each, order, take the page after the cursor.
func reference(t *testing.T, p *Projection, f query.EPCISFilter, visible func(*query.EPCISEvent) bool, limit int) []query.EPCISEvent {
	t.Helper()
	g := f
	g.Concerning, g.After = "", nil
	var all []query.EPCISEvent
	evs, err := p.Scan(g, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if visible(&ev) {
			all = append(all, ev)
		}
	}
	byTime := f.OrderBy == "eventTime"
	order := func(a, b query.EPCISEvent) int {
		c := 0
		if byTime {
			c = a.EventTime.Compare(b.EventTime)
		}
		if c == 0 {
			c = cmp.Compare(a.Position, b.Position)
		}
		if f.Desc {
			return -c
		}
		return c
	}
	slices.SortStableFunc(all, order)
	var out []query.EPCISEvent
	for _, ev := range all {
		if f.After != nil {
			at := query.EPCISEvent{Position: f.After.Position, EventTime: f.After.Time}
			if !byTime {
				at.EventTime = ev.EventTime
			}
			if order(ev, at) <= 0 {
				continue
			}
		}
		if len(out) == limit {
			break
		}
		out = append(out, ev)
	}
	return out
}

// Every way a query reads its candidates (an index value or several, an
// enterprise's rows, event ids, every event, the event time order) pages
// through exactly what testing every event gives, whether the model was
// folded in one Apply (one posting per index value) or in Applies of
// three events (postings of one entry or a few, cursors falling inside
// them and between them).
func TestQueriesAnswerWhatTestingEveryEventAnswers(t *testing.T) {
	for _, per := range []int{0, 3} {
		t.Run(fmt.Sprintf("applies of %d", per), func(t *testing.T) {
			p := newModel(t)
			envs := trade()
			if per == 0 {
				per = len(envs)
			}
			for len(envs) > 0 {
				n := min(per, len(envs))
				runnertest.Fold(t, p, envs[:n])
				envs = envs[n:]
			}
			queriesAnswerWhatTestingEveryEventAnswers(t, p)
		})
	}
}

func queriesAnswerWhatTestingEveryEventAnswers(t *testing.T, p *Projection) {
	mid, _, err := p.Sample(0.5)
	if err != nil {
		t.Fatal(err)
	}
	s3 := "https://id.gs1.org/01/" + gtin + "/21/S3"
	all := func(*query.EPCISEvent) bool { return true }
	shopOnly := func(ev *query.EPCISEvent) bool { return slices.Contains(ev.Enterprises, shop) }
	filters := map[string]query.EPCISFilter{
		"every event":         {},
		"a bizStep":           {BizSteps: []string{"retail_selling"}},
		"two bizSteps":        {BizSteps: []string{"shipping", "receiving"}},
		"an EPC and a step":   {MatchEPC: []string{s3}, BizSteps: []string{"receiving"}},
		"any EPC":             {MatchAnyEPC: []string{s3, "https://id.gs1.org/01/" + gtin + "/21/S5"}},
		"a class":             {MatchEPCClass: []string{"https://id.gs1.org/01/" + gtin + "/10/L1"}},
		"a time range":        {BizSteps: []string{"shipping"}, GEEventTime: mid.EventTime, LTEventTime: mid.EventTime.Add(40 * time.Minute)},
		"every event after":   {GEEventTime: mid.EventTime},
		"event ids":           {EventIDs: []string{mid.EventID, "nope"}},
		"concerning the shop": {Concerning: shop},
		"concerning, a step":  {Concerning: shop, BizSteps: []string{"shipping"}},
	}
	for _, capped := range []int{4096, 1} {
		estimateCap = capped
		for name, f := range filters {
			for _, order := range []string{"", "eventTime"} {
				for _, desc := range []bool{false, true} {
					for _, vis := range []func(*query.EPCISEvent) bool{all, shopOnly} {
						f := f
						f.OrderBy, f.Desc = order, desc
						label := fmt.Sprintf("%s, order %q desc %v cap %d", name, order, desc, capped)
						var got []query.EPCISEvent
						for page := 0; page < 100; page++ {
							evs := events(t, p, f, vis, 7)
							want := reference(t, p, f, vis, 7)
							if !reflect.DeepEqual(evs, want) {
								t.Fatalf("%s, page %d: got %d events %v, want %d %v", label, page, len(evs), positions(evs), len(want), positions(want))
							}
							got = append(got, evs...)
							if len(evs) < 7 {
								break
							}
							last := evs[len(evs)-1]
							f.After = &query.EPCISCursor{Time: last.EventTime, Position: last.Position}
						}
						if name == "a bizStep" && len(got) == 0 {
							t.Fatalf("%s: no sale answered", label)
						}
					}
				}
			}
		}
	}
	estimateCap = 4096
}

func positions(evs []query.EPCISEvent) []uint64 {
	out := make([]uint64, len(evs))
	for i, e := range evs {
		out[i] = e.Position
	}
	return out
}
