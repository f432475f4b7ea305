package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
)

// acceptPublicNotice records a regulator's decision that the public notice
// suffices for the units sold to consumers, counting them as the batches say
// now.
func (h *Handlers) acceptPublicNotice(ctx context.Context, a access.Actor, in AcceptPublicNotice) (Outcome, error) {
	reads, err := h.recallBatchStreams(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{recall.Stream(in.RecallID)}, reads)
	defer unit.end()
	totals, _, err := recallTotals(ctx, unit, reads, "")
	if err != nil {
		return Outcome{}, err
	}
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := r.AcceptPublicNotice(a, totals.Sold, in.Notice); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// acknowledgeRecallNotice records that a holder acknowledged an open
// recall's notice. Only a holder of units of the recalled batches has a
// notice: anyone else is answered as if the recall did not exist.
func (h *Handlers) acknowledgeRecallNotice(ctx context.Context, a access.Actor, in AcknowledgeRecallNotice) (Outcome, error) {
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	reads, err := h.recallBatchStreams(ctx, in.RecallID)
	if err != nil {
		return Outcome{}, err
	}
	stream := recall.NoticeStream(in.RecallID, holder.String())
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{stream}, append(reads, recall.Stream(in.RecallID)))
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	_, holds, err := recallTotals(ctx, unit, reads, holder.String())
	if err != nil {
		return Outcome{}, err
	}
	if err := r.AcceptAcknowledgement(holds); err != nil {
		return Outcome{}, err
	}
	n, err := load(ctx, unit, stream, recall.LoadNotice)
	if err != nil {
		return Outcome{}, err
	}
	if err := n.Acknowledge(recall.NoticeAcknowledged{RecallID: in.RecallID, HolderUSCC: holder.String(), Note: in.Note}); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}
