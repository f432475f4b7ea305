package recall_test

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestARecallNamesEachBatchOnce(t *testing.T) {
	r, err := recall.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	k := recall.BatchKey{GTIN: "12312312312333", Lot: "L1"}
	err = r.Start("r1", []recall.BatchKey{k, {GTIN: k.GTIN, Lot: "L2"}, k}, 1, "salmonella", "", time.Now())
	Then(t, r, err, domain.ErrInvalid)
	var fe *domain.FieldError
	if !errors.As(err, &fe) || fe.Field != "batches[2]" {
		t.Fatalf("error %#v, want one naming batches[2]", err)
	}
}

func TestReturnsAreAcceptedOnlyWhileTheRecallIsOpen(t *testing.T) {
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x"}
	cases := []struct {
		name    string
		given   []event.Event
		wantErr error
	}{
		{"an open recall", []event.Event{started}, nil},
		{"a closed recall", []event.Event{started, recall.Closed{RecallID: "r1"}}, domain.ErrConflict},
		{"an unknown recall", nil, domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := recall.Load(Given(t, "recall-r1", c.given...))
			if err != nil {
				t.Fatal(err)
			}
			Then(t, r, r.AcceptReturn(), c.wantErr)
		})
	}
}
