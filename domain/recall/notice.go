package recall

import (
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// TypeHolderNotified names the event that records a recall notice delivered
// to one holder's webhook.
const TypeHolderNotified = "recall.holder_notified.v1"

// HolderNotified: the recall notice reached the holder's webhook, which
// answered Status after Attempts tries.
type HolderNotified struct {
	RecallID   string `json:"recall_id"`
	HolderUSCC string `json:"holder_uscc"`
	URL        string `json:"url"`
	Status     int    `json:"status"`
	Attempts   int    `json:"attempts"`
}

// EventType names the event.
func (HolderNotified) EventType() string { return TypeHolderNotified }

// TypeNoticeAcknowledged names the event that records a holder acknowledging
// a recall notice in its inbox.
const TypeNoticeAcknowledged = "recall.notice_acknowledged.v1"

// NoticeAcknowledged: the holder read the recall notice in its inbox and
// acknowledged it (the ledger's own delivery: no webhook needed). Note is the
// holder's optional remark (e.g. "stock quarantined").
type NoticeAcknowledged struct {
	RecallID   string `json:"recall_id"`
	HolderUSCC string `json:"holder_uscc"`
	Note       string `json:"note,omitempty"`
}

// EventType names the event.
func (NoticeAcknowledged) EventType() string { return TypeNoticeAcknowledged }

// NoticeStream is the stream of one holder's notice of one recall. It is a
// stream of its own, not the recall's, so deliveries to many holders never
// contend for the recall stream's version, and "already notified" is simply
// "the stream exists".
func NoticeStream(recallID, holderUSCC string) string {
	return "notice-" + recallID + "-" + holderUSCC
}

// NoticeDecoders decode a notice stream. They are a set of their own, not
// part of Decoders, because a notice stream is not a recall stream: the
// recall's fold must refuse a notice event. Both sets are in the event
// catalogue (domain/catalog).
var NoticeDecoders = aggregate.Decoders{
	TypeHolderNotified:     aggregate.As[HolderNotified](),
	TypeNoticeAcknowledged: aggregate.As[NoticeAcknowledged](),
}

// Notice is the aggregate of one holder's notice of one recall: delivered
// to a webhook and acknowledged in the inbox, each at most once as far as
// the log is concerned.
type Notice struct {
	aggregate.Root
	delivered, acknowledged bool
}

// LoadNotice rebuilds a notice from its stream.
func LoadNotice(recs []event.Record) (*Notice, error) {
	n := &Notice{}
	return n, aggregate.Replay("notice", recs, NoticeDecoders, &n.Root, n.apply)
}

// Record records a delivery. A second delivery to the same holder raises
// nothing: the first one is what the recall list shows.
func (n *Notice) Record(d HolderNotified) error {
	if n.Delivered() {
		return nil
	}
	if strings.TrimSpace(d.URL) == "" {
		return domain.Invalid("url", "required", "is required")
	}
	if d.Status < 200 || d.Status > 299 {
		return domain.Invalid("status", "delivery_2xx_answer_not", "a delivery is a 2xx answer, not %d", d.Status)
	}
	if d.Attempts < 1 {
		return domain.Invalid("attempts", "must_at_least_1", "must be at least 1")
	}
	n.Raise(d, n.apply)
	return nil
}

// Acknowledge records the holder's acknowledgement of the notice. A second
// acknowledgement raises nothing: the first one is what the recall list
// shows. Whether the holder holds units of the recall is the caller's check
// (it reads the batches).
func (n *Notice) Acknowledge(a NoticeAcknowledged) error {
	if n.acknowledged {
		return nil
	}
	if a.RecallID == "" || a.HolderUSCC == "" {
		return domain.Invalid("id", "recall_and_holder_required", "the recall and the holder are required")
	}
	n.Raise(NoticeAcknowledged{RecallID: a.RecallID, HolderUSCC: a.HolderUSCC, Note: strings.TrimSpace(a.Note)}, n.apply)
	return nil
}

func (n *Notice) apply(ev event.Event) {
	switch ev.(type) {
	case HolderNotified:
		n.delivered = true
	case NoticeAcknowledged:
		n.acknowledged = true
	}
}

// Delivered reports whether a delivery is recorded.
func (n *Notice) Delivered() bool { return n.delivered }

// Acknowledged reports whether the holder acknowledged the notice.
func (n *Notice) Acknowledged() bool { return n.acknowledged }
