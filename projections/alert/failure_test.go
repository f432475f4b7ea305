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

func (noStock) ExpiringBy(string) ([]trace.Stock, error) { return nil, nil }
func (noStock) Rejected() ([]trace.Stock, error)         { return nil, nil }
func (noStock) Recalled() ([]trace.Stock, error)         { return nil, nil }
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

// brokenStock fails to read the one list named by broken.
type brokenStock struct {
	noStock
	broken string
}

func (s brokenStock) fail(list string) ([]trace.Stock, error) {
	if s.broken == list {
		return nil, errStore
	}
	return nil, nil
}
func (s brokenStock) ExpiringBy(string) ([]trace.Stock, error) { return s.fail("expiring") }
func (s brokenStock) Rejected() ([]trace.Stock, error)         { return s.fail("rejected") }
func (s brokenStock) Recalled() ([]trace.Stock, error)         { return s.fail("recalled") }

func TestAlertsWhoseStockFailsToReadAreAnErrorNotAnAllClear(t *testing.T) {
	for _, list := range []string{"expiring", "rejected", "recalled"} {
		rep, err := alert.New(brokenStock{broken: list}, nil, nil).Alerts(t.Context(), time.Now(), 30, nil)
		if !errors.Is(err, errStore) {
			t.Errorf("%s stock failing: %d alerts, %v; want the store's failure, not a report without its alerts", list, len(rep.Alerts), err)
		}
	}
}
