package recall_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestAReminderGoesToTheHoldersYetToAcknowledgeOnceAnHour(t *testing.T) {
	const maker, shop, depot = "91310000MA1FL0000N", "91440300MA5DC0000X", "91110000MA00AAAA0B"
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	started := recall.Started{RecallID: "r1", Batches: []recall.BatchKey{{GTIN: "12312312312333", Lot: "L1"}}, Level: 1, Reason: "x", InitiatedByUSCC: maker}
	regulator := access.Actor{Role: access.RoleRegulator}
	remind := func(by access.Actor, holders []string, at time.Time) func(*recall.Recall) error {
		return func(r *recall.Recall) error { return r.RemindHolders(by, holders, " call us ", at) }
	}
	earlier := recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{shop}, RemindedAt: at.Add(-30 * time.Minute).Format(time.RFC3339)}
	Run(t, recall.Load, "recall-r1", []Case[*recall.Recall]{
		When("a regulator reminds every holder but the initiator, sorted, at the ledger's time", []event.Event{started},
			remind(regulator, []string{shop, maker, depot, shop}, at), nil,
			[]event.Event{recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{depot, shop}, RemindedAt: "2026-05-04T09:00:00Z", Note: "call us"}}),
		When("the initiating enterprise reminds", []event.Event{started},
			remind(access.Actor{Role: access.RoleEnterprise, USCC: maker}, []string{shop}, at), nil,
			[]event.Event{recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{shop}, RemindedAt: "2026-05-04T09:00:00Z", Note: "call us"}}),
		When("another enterprise is answered as if the recall did not exist", []event.Event{started},
			remind(access.Actor{Role: access.RoleEnterprise, USCC: shop}, []string{depot}, at), domain.ErrNotFound, nil),
		When("an unknown recall", nil, remind(regulator, []string{shop}, at), domain.ErrNotFound, nil),
		When("a closed recall", []event.Event{started, recall.Closed{RecallID: "r1"}}, remind(regulator, []string{shop}, at), domain.ErrConflict, nil),
		When("everybody acknowledged", []event.Event{started}, remind(regulator, []string{maker}, at), domain.ErrConflict, nil),
		When("a holder reminded half an hour ago is skipped", []event.Event{started, earlier},
			remind(regulator, []string{shop, depot}, at), nil,
			[]event.Event{recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{depot}, RemindedAt: "2026-05-04T09:00:00Z", Note: "call us"}}),
		When("only holders reminded within the hour: refused", []event.Event{started, earlier},
			remind(regulator, []string{shop}, at), domain.ErrConflict, nil),
		When("an hour later the holder is reminded again", []event.Event{started, earlier},
			remind(regulator, []string{shop}, at.Add(30*time.Minute)), nil,
			[]event.Event{recall.HoldersReminded{RecallID: "r1", HolderUSCCs: []string{shop}, RemindedAt: "2026-05-04T09:30:00Z", Note: "call us"}}),
	})
}
