package query

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// TraceModel answers batch traces and item paths; *trace.Projection (on
// disk) and the ClickHouse read side implement it. A read can fail: a
// failure is an error, never an answer of "not there" or "not involved".
type TraceModel interface {
	Downstream(ctx context.Context, gtin, lot string, names Names) (TraceGraph, error)
	Upstream(ctx context.Context, gtin, lot string, names Names) (TraceGraph, error)
	ItemPath(ctx context.Context, gtin, lot, serial string, names Names) (ItemPath, error)
	Involved(ctx context.Context, gtin, lot, uscc string) (bool, error)
}

// Names answers an enterprise's registered name ("" when unknown); the
// directory projection implements it.
type Names interface {
	Name(uscc string) string
}

// Traces answers where a batch's units went (downstream), where a batch
// came from (upstream) and one item's path.
type Traces struct {
	consistency
	model TraceModel
	names Names
}

// NewTraces reads model, naming enterprises with names, once progress has
// reached the client's position.
func NewTraces(model TraceModel, names Names, progress Progress) *Traces {
	return &Traces{consistency: consistency{progress}, model: model, names: names}
}

// Batch is the trace of batch gtin/lot in direction (Downstream or
// Upstream; "" is downstream), for overseers and the enterprises that held its units.
func (t *Traces) Batch(ctx context.Context, rd Read, gtin, lot, direction string) (TraceGraph, error) {
	if err := t.await(ctx, rd); err != nil {
		return TraceGraph{}, err
	}
	var tr TraceGraph
	var err error
	switch direction {
	case "", Downstream:
		tr, err = t.model.Downstream(ctx, gtin, lot, t.names)
	case Upstream:
		tr, err = t.model.Upstream(ctx, gtin, lot, t.names)
	default:
		return TraceGraph{}, domain.Invalid("direction", "want_downstream_or_upstream", "%q: want downstream or upstream", direction)
	}
	if err != nil {
		return TraceGraph{}, err
	}
	var involved holderRead
	err = access.MayReadBatchTrace(rd.Actor, involved.of(func(uscc string) (bool, error) { return t.model.Involved(ctx, gtin, lot, uscc) }))
	if involved.err != nil {
		return TraceGraph{}, fmt.Errorf("read who handled batch: %w", involved.err)
	}
	if err != nil {
		return TraceGraph{}, unseen(err, domain.NotFound("lot", "batch_not_registered", "batch %s/%s is not registered", gtin, lot))
	}
	return tr, nil
}

// Item is the path of one item, for overseers and the enterprises on it.
func (t *Traces) Item(ctx context.Context, rd Read, gtin, lot, serial string) (ItemPath, error) {
	if err := t.await(ctx, rd); err != nil {
		return ItemPath{}, err
	}
	p, err := t.model.ItemPath(ctx, gtin, lot, serial, t.names)
	if err != nil {
		return ItemPath{}, err
	}
	if err := access.MayReadItemPath(rd.Actor, p.Involved); err != nil {
		return ItemPath{}, unseen(err, domain.NotFound("code", "item_gtin_not_labelled", "item %s of GTIN %s is not labelled", serial, gtin))
	}
	return p, nil
}
