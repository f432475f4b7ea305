package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
)

// RecordNotification records that a recall notice reached a holder's
// webhook (recall.holder_notified.v1). The system or a regulator only.
type RecordNotification struct {
	Common
	RecallID   string `json:"recall_id"`
	HolderUSCC string `json:"holder_uscc"`
	URL        string `json:"url"`
	Status     int    `json:"status"`
	Attempts   int    `json:"attempts"`
}

// recordNotification appends a delivery to the holder's notice stream. The
// first delivery counts: recording another for the same recall and holder
// appends nothing and answers an empty Outcome, so a notifier that retries
// after a crash never doubles the log.
func (h *Handlers) recordNotification(ctx context.Context, a access.Actor, in RecordNotification) (Outcome, error) {
	holder, err := parseUSCC("holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	if in.RecallID == "" {
		return Outcome{}, domain.Invalid("recall_id", "required", "is required")
	}
	stream := recall.NoticeStream(in.RecallID, holder.String())
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{stream}, []string{recall.Stream(in.RecallID)})
	defer unit.end()
	r, err := load(ctx, unit, recall.Stream(in.RecallID), recall.Load)
	if err != nil {
		return Outcome{}, err
	}
	if !r.Exists() {
		return Outcome{}, domain.NotFound("recall_id", "recall_not_known", "recall %s is not known", in.RecallID)
	}
	n, err := load(ctx, unit, stream, recall.LoadNotice)
	if err != nil {
		return Outcome{}, err
	}
	if err := n.Record(recall.HolderNotified{RecallID: in.RecallID, HolderUSCC: holder.String(), URL: in.URL,
		Status: in.Status, Attempts: in.Attempts}); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}
