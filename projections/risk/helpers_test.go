package risk_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// t0 is a Friday; the tests' log starts there.
var t0 = time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)

func uscc(n int) string {
	u, err := ident.NewUSCC(fmt.Sprintf("91350100M%08d", n))
	if err != nil {
		panic(err)
	}
	return u.String()
}

var (
	importer = uscc(1)
	retailer = uscc(2)
	other    = uscc(3)
)

const gtin = "03017620422003"

// logOf builds envelopes in log order: positions from 1, each event at the
// time of the last at() call.
type logOf struct {
	at   time.Time
	envs []runner.Envelope
}

func newLog() *logOf { return &logOf{at: t0} }

// on sets the occurred_at of the events added next.
func (l *logOf) on(at time.Time) *logOf { l.at = at; return l }

func (l *logOf) add(evs ...event.Event) *logOf {
	for _, e := range evs {
		pos := uint64(len(l.envs) + 1)
		l.envs = append(l.envs, runner.Envelope{
			Record: event.Record{Position: pos, Type: e.EventType(), Metadata: event.Metadata{OccurredAt: l.at, RecordedAt: l.at}},
			Event:  e,
		})
	}
	return l
}

// fold applies the log to a new projection with the embedded config.
func (l *logOf) fold(t *testing.T) *risk.Projection {
	t.Helper()
	p := risk.New()
	if err := p.Apply(l.envs); err != nil {
		t.Fatal(err)
	}
	return p
}

func snapshot(t *testing.T, p *risk.Projection) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := p.Snapshot(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustGrade(t *testing.T, p *risk.Projection, u string, now time.Time) query.Grade {
	t.Helper()
	g, ok := p.Grade(u, now)
	if !ok {
		t.Fatalf("no grade for %s", u)
	}
	return g
}

// Events the tests build logs from.

func registered(gtin, lot, owner string, qty int64) batch.Registered {
	return batch.Registered{GTIN: gtin, Lot: lot, Quantity: qty, OwnerUSCC: owner, ProducedOn: "2026-01-01", ExpiresOn: "2027-01-01"}
}

func shipped(lot, id, from, to string, qty int64, serials ...string) batch.Shipped {
	return batch.Shipped{GTIN: gtin, Lot: lot, ShipmentID: id, FromUSCC: from, ToUSCC: to, Waybill: "W" + id,
		Units: batch.Units{Quantity: qty, Serials: serials}}
}

func received(lot, id, to string, qty int64, serials ...string) batch.Received {
	return batch.Received{GTIN: gtin, Lot: lot, ShipmentID: id, ToUSCC: to, Units: batch.Units{Quantity: qty, Serials: serials}}
}

func labelled(lot, owner string, serials ...string) batch.Labelled {
	return batch.Labelled{GTIN: gtin, Lot: lot, OwnerUSCC: owner, Serials: serials}
}

func sold(lot, seller string, qty int64, serials ...string) batch.Sold {
	return batch.Sold{GTIN: gtin, Lot: lot, SellerUSCC: seller, Channel: "retail", Units: batch.Units{Quantity: qty, Serials: serials}}
}

func returned(lot, id, holder string, qty int64, serials ...string) batch.Returned {
	return batch.Returned{GTIN: gtin, Lot: lot, RecallID: id, HolderUSCC: holder, Disposition: "returned",
		Units: batch.Units{Quantity: qty, Serials: serials}}
}

// recallOf starts a recall of lots of gtin at the log's current time with
// the level's deadlines.
func (l *logOf) recall(id string, level int, by string, lots ...string) *logOf {
	startBy, completeBy := recall.Level(level).Deadlines(l.at)
	var keys []recall.BatchKey
	for _, lot := range lots {
		keys = append(keys, recall.BatchKey{GTIN: gtin, Lot: lot})
	}
	l.add(recall.Started{RecallID: id, Batches: keys, Level: level, Reason: "test", InitiatedByUSCC: by,
		StartBy: startBy.Format(time.RFC3339), CompleteBy: completeBy.Format(time.RFC3339)})
	for _, lot := range lots {
		l.add(batch.Recalled{GTIN: gtin, Lot: lot, RecallID: id, Level: level})
	}
	return l
}
