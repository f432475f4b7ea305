package recalllist

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

// RecallOf names the recall whose list ev changes in this model's fold
// ("" for none): a recall's list is the fold of these events alone, with
// the units of its batches read at query time (Units). A store of the lists
// outside this process (ClickHouse) indexes the log by it.
func RecallOf(ev event.Event) string {
	switch ev := ev.(type) {
	case recall.Started:
		return ev.RecallID
	case recall.Closed:
		return ev.RecallID
	case recall.PublicNoticeAccepted:
		return ev.RecallID
	case recall.NoticeAcknowledged:
		return ev.RecallID
	case batch.Returned:
		return ev.RecallID
	case recall.HolderNotified:
		return ev.RecallID
	case recall.HoldersReminded:
		return ev.RecallID
	}
	return ""
}
