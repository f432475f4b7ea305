package readside

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/trace"
)

// Traces answers app/query's TraceModel, and the unit tallies recall lists
// read, by folding the embedded trace model (projections/trace) over the
// events of the batches asked for: a batch's history (every event of its
// stream, its customs declarations) and the transformations naming it, read
// through the index. A transformation walk needs the batches it reaches
// folded too: they are added until the walk finds none missing.
type Traces struct {
	f     folder
	cache traceFolds
}

// NewTraces reads the index x and the events from reader.
func NewTraces(x *Index, reader query.EventReader) *Traces {
	return &Traces{f: folder{x: x, reader: reader}}
}

var _ query.TraceModel = (*Traces)(nil)

// maxLinkedBatches bounds the batches one trace folds: the embedded walk
// stops at 500 transformation edges.
const maxLinkedBatches = 500

// model folds batch gtin/lot, and with walk the batches transformations
// link it to in that direction (downstream false, upstream true).
// The caller answers from the model and then calls release.
func (t *Traces) model(ctx context.Context, gtin, lot string, walk *bool) (*trace.Projection, func(), error) {
	set := []batch.Ref{{GTIN: gtin, Lot: lot}}
	for {
		f, err := t.fold(ctx, set)
		if err != nil {
			return nil, func() {}, err
		}
		release := func() { t.cache.release(f) }
		if walk == nil {
			return f.p, release, nil
		}
		grown := set
		for i := 0; i < len(grown) && len(grown) < maxLinkedBatches; i++ {
			linked, err := f.p.Linked(grown[i].GTIN, grown[i].Lot, *walk)
			if err != nil {
				release()
				return nil, func() {}, err
			}
			for _, r := range linked {
				if !slices.Contains(grown, r) {
					grown = append(grown, r)
				}
			}
		}
		if len(grown) == len(set) {
			return f.p, release, nil
		}
		release()
		set = grown
	}
}

// fold folds the events of a set of batches, in log order.
func (t *Traces) fold(ctx context.Context, set []batch.Ref) (*traceFold, error) {
	keys := make([]any, len(set))
	names := make([]string, len(set))
	for i, r := range set {
		keys[i], names[i] = batchKey(r.GTIN, r.Lot), r.GTIN+"/"+r.Lot
	}
	where := "kind IN (3, 30) AND key IN " + in(len(keys))
	ps, err := t.f.x.positions(ctx, where, keys, false, 0)
	if err != nil {
		return nil, err
	}
	ck := strings.Join(names, "\x00")
	if f, ok := t.cache.get(ck, ps); ok {
		return f, nil
	}
	envs, err := t.f.read(ctx, ps)
	if err != nil {
		return nil, err
	}
	p := trace.New()
	if err := p.Apply(envs); err != nil {
		p.Close()
		return nil, fmt.Errorf("read side: fold trace: %w", err)
	}
	return t.cache.put(ck, ps, p), nil
}

var (
	downstream = false
	upstream   = true
)

// Downstream answers where every unit of the batch is now.
func (t *Traces) Downstream(ctx context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	p, release, err := t.model(ctx, gtin, lot, &downstream)
	defer release()
	if err != nil {
		return query.TraceGraph{}, fmt.Errorf("downstream trace: %w", err)
	}
	return p.Downstream(ctx, gtin, lot, names)
}

// Upstream answers where the batch came from.
func (t *Traces) Upstream(ctx context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	p, release, err := t.model(ctx, gtin, lot, &upstream)
	defer release()
	if err != nil {
		return query.TraceGraph{}, fmt.Errorf("upstream trace: %w", err)
	}
	return p.Upstream(ctx, gtin, lot, names)
}

// ItemPath answers an item's path; without a lot, the lots labelling the
// serial are searched in lot order, as the embedded model searches.
func (t *Traces) ItemPath(ctx context.Context, gtin, lot, serial string, names query.Names) (query.ItemPath, error) {
	lots := []string{lot}
	if lot == "" {
		var err error
		if lots, err = t.f.x.column(ctx, "lot", "kind = 20 AND key = ?", itemKey(gtin, serial)); err != nil {
			return query.ItemPath{}, fmt.Errorf("item path: lots of a serial: %w", err)
		}
		slices.Sort(lots)
		lots = slices.Compact(lots)
	}
	for _, l := range lots {
		p, release, err := t.model(ctx, gtin, l, nil)
		if err != nil {
			return query.ItemPath{}, fmt.Errorf("item path: %w", err)
		}
		path, err := p.ItemPath(ctx, gtin, l, serial, names)
		release()
		if !isNotFound(err) {
			return path, err
		}
	}
	return query.ItemPath{}, domain.NotFound("code", "item_gtin_not_labelled", "item %s of GTIN %s is not labelled", serial, gtin)
}

func isNotFound(err error) bool { return errors.Is(err, domain.ErrNotFound) }

// Involved reports whether an enterprise held or holds units of the batch.
func (t *Traces) Involved(ctx context.Context, gtin, lot, uscc string) (bool, error) {
	p, release, err := t.model(ctx, gtin, lot, nil)
	defer release()
	if err != nil {
		return false, fmt.Errorf("trace access: %w", err)
	}
	return p.Involved(ctx, gtin, lot, uscc)
}

// Tallies answers where each holder's units of a batch are now.
func (t *Traces) Tallies(ctx context.Context, gtin, lot string) ([]batch.Tally, bool, error) {
	p, release, err := t.model(ctx, gtin, lot, nil)
	defer release()
	if err != nil {
		return nil, false, fmt.Errorf("tallies: %w", err)
	}
	return p.Tallies(ctx, gtin, lot)
}

// Containers answers, per holder, the containers holding its packed units
// of a batch.
func (t *Traces) Containers(ctx context.Context, gtin, lot string) (map[string][]string, error) {
	p, release, err := t.model(ctx, gtin, lot, nil)
	defer release()
	if err != nil {
		return nil, fmt.Errorf("containers: %w", err)
	}
	return p.Containers(ctx, gtin, lot)
}
