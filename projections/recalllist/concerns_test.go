package recalllist

import (
	"testing"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestRecallOfNamesTheRecallOfEveryEventTheListFolds(t *testing.T) {
	for _, tt := range []struct {
		ev   event.Event
		want string
	}{
		{recall.Started{RecallID: "r1"}, "r1"},
		{recall.Closed{RecallID: "r2"}, "r2"},
		{recall.PublicNoticeAccepted{RecallID: "r3"}, "r3"},
		{recall.NoticeAcknowledged{RecallID: "r4"}, "r4"},
		{batch.Returned{RecallID: "r5"}, "r5"},
		{recall.HolderNotified{RecallID: "r6"}, "r6"},
		{recall.HoldersReminded{RecallID: "r7"}, "r7"},
		{batch.Recalled{RecallID: "r8"}, ""}, // the batch's mark: the list reads units, not this
		{batch.Sold{}, ""},
	} {
		if got := RecallOf(tt.ev); got != tt.want {
			t.Errorf("RecallOf(%s) = %q, want %q", tt.ev.EventType(), got, tt.want)
		}
	}
}
