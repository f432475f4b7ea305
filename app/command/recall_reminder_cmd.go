package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
)

// remindRecallHolders reminds the holders of units of a recall's batches who
// have not acknowledged its notice (recall.Recall.RemindHolders), as the
// batches and the notice streams say at the ledger's time. A holder that
// acknowledges meanwhile may still be reminded once: harmless, so the notice
// streams are read without their locks.
func (h *Handlers) remindRecallHolders(ctx context.Context, a access.Actor, in RemindRecallHolders) (Outcome, error) {
	reads, err := h.recallBatchStreams(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{recall.Stream(in.RecallID)}, reads)
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	holders, err := recallHolders(ctx, unit, reads)
	if err != nil {
		return Outcome{}, err
	}
	var pending []string
	for _, u := range holders {
		n, err := load(ctx, unit, recall.NoticeStream(in.RecallID, u), recall.LoadNotice)
		if err != nil {
			return Outcome{}, err
		}
		if !n.Acknowledged() {
			pending = append(pending, u)
		}
	}
	if err := r.RemindHolders(a, pending, in.Note, unit.now); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// recallHolders are the enterprises holding or having held units of the
// batches in streams, each once, in the order the batches list them.
func recallHolders(ctx context.Context, unit *unit, streams []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, s := range streams {
		b, err := load(ctx, unit, s, batch.Load)
		if err != nil {
			return nil, err
		}
		for _, tl := range b.Tallies() {
			if !seen[tl.USCC] {
				seen[tl.USCC] = true
				out = append(out, tl.USCC)
			}
		}
	}
	return out, nil
}
