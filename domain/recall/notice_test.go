package recall_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestNotice(t *testing.T) {
	ok := recall.HolderNotified{RecallID: "r1", HolderUSCC: "U", URL: "https://h.example/hook", Status: 204, Attempts: 2}
	cases := []struct {
		name    string
		given   []event.Event
		when    recall.HolderNotified
		wantErr error
		want    []event.Event
	}{
		{"a delivery is recorded", nil, ok, nil, []event.Event{ok}},
		{"the first delivery counts", []event.Event{ok}, ok, nil, nil},
		{"a delivery names its url", nil, recall.HolderNotified{RecallID: "r1", HolderUSCC: "U", Status: 200, Attempts: 1}, domain.ErrInvalid, nil},
		{"a 500 is no delivery", nil, recall.HolderNotified{RecallID: "r1", HolderUSCC: "U", URL: "u", Status: 500, Attempts: 1}, domain.ErrInvalid, nil},
		{"at least one attempt", nil, recall.HolderNotified{RecallID: "r1", HolderUSCC: "U", URL: "u", Status: 200}, domain.ErrInvalid, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := Loaded(t, recall.LoadNotice, recall.NoticeStream("r1", "U"), c.given...)
			Then(t, n, n.Record(c.when), c.wantErr, c.want...)
		})
	}
}

func TestANoticeIsAcknowledgedOnce(t *testing.T) {
	ack := recall.NoticeAcknowledged{RecallID: "r1", HolderUSCC: "U", Note: "已下架"}
	delivered := recall.HolderNotified{RecallID: "r1", HolderUSCC: "U", URL: "u", Status: 200, Attempts: 1}
	cases := []struct {
		name    string
		given   []event.Event
		when    recall.NoticeAcknowledged
		wantErr error
		want    []event.Event
	}{
		{"an acknowledgement is recorded", nil, ack, nil, []event.Event{ack}},
		{"after a webhook delivery too", []event.Event{delivered}, ack, nil, []event.Event{ack}},
		{"the first acknowledgement counts", []event.Event{ack}, ack, nil, nil},
		{"it names the holder", nil, recall.NoticeAcknowledged{RecallID: "r1"}, domain.ErrInvalid, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := Loaded(t, recall.LoadNotice, recall.NoticeStream("r1", "U"), c.given...)
			Then(t, n, n.Acknowledge(c.when), c.wantErr, c.want...)
		})
	}
	// A webhook delivery after the acknowledgement is still recorded once.
	n := Loaded(t, recall.LoadNotice, recall.NoticeStream("r1", "U"), ack)
	Then(t, n, n.Record(delivered), nil, delivered)
}
