package readside

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/recalllist"
)

// Recalls answers app/query's RecallModel: a recall's list by folding the
// embedded recall list model (projections/recalllist) over that recall's
// events, read through the index, with the units of its batches from
// Traces. Every recall at once (All, the directory) and an enterprise's
// inbox stay with the embedded model, which holds the recalls alone (a few
// hundred at ten million events), not the units.
type Recalls struct {
	f        folder
	units    *Traces
	embedded query.RecallModel
}

// NewRecalls reads the index x, the events from reader and the units from
// units; All and Inbox are embedded's.
func NewRecalls(x *Index, reader query.EventReader, units *Traces, embedded query.RecallModel) *Recalls {
	return &Recalls{f: folder{x: x, reader: reader}, units: units, embedded: embedded}
}

var _ query.RecallModel = (*Recalls)(nil)

// Get answers recall id's list as of now.
func (r *Recalls) Get(ctx context.Context, id string, now time.Time, dir query.Directory) (query.RecallList, error) {
	envs, err := r.f.envelopes(ctx, "kind = 31 AND key = ?", []any{id})
	if err != nil {
		return query.RecallList{}, fmt.Errorf("recall list: %w", err)
	}
	m := recalllist.New(r.units)
	if err := m.Apply(envs); err != nil {
		return query.RecallList{}, fmt.Errorf("read side: fold recall list: %w", err)
	}
	return m.Get(ctx, id, now, dir)
}

// All answers every recall's list, from the embedded model.
func (r *Recalls) All(ctx context.Context, now time.Time, dir query.Directory) ([]query.RecallList, error) {
	return r.embedded.All(ctx, now, dir)
}

// Inbox answers an enterprise's recall notices, from the embedded model.
func (r *Recalls) Inbox(ctx context.Context, uscc string, now time.Time, dir query.Directory, after uint64, limit int) ([]query.RecallNotice, uint64, error) {
	return r.embedded.Inbox(ctx, uscc, now, dir, after, limit)
}
