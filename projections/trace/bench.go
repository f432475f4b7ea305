package trace

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// benchIterations is how many downstream traces MeasureDownstream times.
const benchIterations = 2000

// MeasureDownstream builds a data set of about items labelled items
// (batches of 1,000 plus one hot batch of downstreamUnits units spread over
// 20 distributors and 500 retailers) in a trace model whose store is in
// memory (the rows and reads of the model on disk), then times the downstream trace
// of the hot batch: the same call the HTTP handler makes, the answer struct
// built with names, benchIterations times. It is `traceledger bench`'s
// trace_downstream figure.
func MeasureDownstream(ctx context.Context, items int, downstreamUnits int) (p50, p99 time.Duration, err error) {
	if items < downstreamUnits || downstreamUnits < 1 {
		return 0, 0, fmt.Errorf("measure downstream: need 1 <= downstream units (%d) <= items (%d)", downstreamUnits, items)
	}
	p, names, err := SyntheticDataSet(ctx, items, downstreamUnits)
	if err != nil {
		return 0, 0, err
	}
	defer p.Close()
	if _, err := p.Downstream(ctx, HotGTIN, HotLot, names); err != nil {
		return 0, 0, fmt.Errorf("measure downstream: %w", err)
	}
	runtime.GC() // time the steady state, not the collection of the build's garbage
	took := make([]time.Duration, benchIterations)
	for i := range took {
		if i%100 == 0 && ctx.Err() != nil {
			return 0, 0, ctx.Err()
		}
		start := time.Now()
		if _, err := p.Downstream(ctx, HotGTIN, HotLot, names); err != nil {
			return 0, 0, err
		}
		took[i] = time.Since(start)
	}
	slices.Sort(took)
	return took[len(took)/2], took[len(took)*99/100], nil
}

// The hot batch of the synthetic data set.
const (
	HotGTIN = "06901234567892"
	HotLot  = "HOT1"
)

// SyntheticDataSet builds the trace model MeasureDownstream times (in a
// store of its own: Close it), and names for its enterprises.
func SyntheticDataSet(ctx context.Context, items int, downstreamUnits int) (*Projection, query.Names, error) {
	p := New()
	s := &synthetic{p: p, t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	names := mapNames{}
	dists := make([]string, 20)
	for i := range dists {
		dists[i] = synthUSCC('D', i)
		names[dists[i]] = "Distributor " + strconv.Itoa(i)
	}
	retailers := make([]string, 500)
	for i := range retailers {
		retailers[i] = synthUSCC('R', i)
		names[retailers[i]] = "Retailer " + strconv.Itoa(i)
	}
	owner := synthUSCC('M', 0)
	names[owner] = "Manufacturer"
	serial := 0
	hot := batchPlan{gtin: HotGTIN, lot: HotLot, owner: owner, items: downstreamUnits, distributors: dists, retailers: retailers, perShip: 50, perRetail: 5, sellEvery: 3}
	if err := s.feed(hot, &serial); err != nil {
		p.Close()
		return nil, nil, err
	}
	for n := 0; serial < items; n++ {
		if n%100 == 0 && ctx.Err() != nil {
			p.Close()
			return nil, nil, ctx.Err()
		}
		b := batchPlan{gtin: "03017620422003", lot: "L" + strconv.Itoa(n), owner: owner, items: min(1000, items-serial),
			distributors: dists[n%20 : n%20+1], retailers: retailers[(n*7)%480 : (n*7)%480+20], perShip: 100, perRetail: 20, sellEvery: 2}
		if err := s.feed(b, &serial); err != nil {
			p.Close()
			return nil, nil, err
		}
	}
	return p, names, nil
}

// mapNames is Names over a map.
type mapNames map[string]string

// Name implements Names.
func (m mapNames) Name(uscc string) string { return m[uscc] }
