package alert_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/trace"
)

var errStore = errors.New("store unreachable")

// noStock holds no batch.
type noStock struct{}

func (noStock) ExpiringBy(string) []trace.Stock { return nil }
func (noStock) Rejected() []trace.Stock         { return nil }
func (noStock) Recalled() []trace.Stock         { return nil }
func (noStock) Tallies(context.Context, string, string) ([]batch.Tally, bool, error) {
	return nil, false, errStore
}

// brokenRecalls fail to read.
type brokenRecalls struct{}

func (brokenRecalls) All(context.Context, time.Time, query.Directory) ([]query.RecallList, error) {
	return nil, errStore
}

func TestAlertsWhoseRecallListsFailToReadAreAnErrorNotAnAllClear(t *testing.T) {
	rep, err := alert.New(noStock{}, brokenRecalls{}, nil).Alerts(t.Context(), time.Now(), 30, nil)
	if !errors.Is(err, errStore) {
		t.Fatalf("alerts: %d alerts, %v; want the store's failure, not a report without the overdue recalls", len(rep.Alerts), err)
	}
}
