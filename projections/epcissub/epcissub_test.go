package epcissub

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/epcissub"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

func fold(t *testing.T, evs ...event.Event) *Projection {
	t.Helper()
	batch := make([]runner.Envelope, len(evs))
	at := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i, ev := range evs {
		batch[i] = runner.Envelope{Record: event.Record{Position: uint64(i + 1), Type: ev.EventType(),
			Metadata: event.Metadata{RecordedAt: at.Add(time.Duration(i) * time.Second)}}, Event: ev}
	}
	p := New()
	if err := p.Apply(batch); err != nil {
		t.Fatal(err)
	}
	return p
}

func sub(id, owner, name string) epcissub.Created {
	return epcissub.Created{ID: id, Owner: owner, Role: "regulator", QueryName: name, Query: "EQ_bizStep=shipping",
		Dest: "https://partner.example/hook", Stream: true}
}

func active(p *Projection) []string {
	var ids []string
	for _, s := range p.EPCISSubscriptions("", "") {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestDeletingAQueryEndsEverySubscriptionToItAndNoOther(t *testing.T) {
	p := fold(t,
		epcisquery.Defined{Owner: "regulator", Name: "ships", Query: "EQ_bizStep=shipping"},
		epcisquery.Defined{Owner: "regulator", Name: "sales", Query: "EQ_bizStep=retail_selling"},
		epcisquery.Defined{Owner: "91310000MA1FL1000X", Name: "ships", Query: "EQ_bizStep=shipping"},
		sub("a", "regulator", "ships"), sub("b", "regulator", "ships"), sub("c", "regulator", "sales"),
		sub("d", "91310000MA1FL1000X", "ships"),
		epcisquery.Deleted{Owner: "regulator", Name: "ships"},
		// Defined again, the name starts with no subscription.
		epcisquery.Defined{Owner: "regulator", Name: "ships", Query: "EQ_bizStep=shipping"},
	)
	if got := active(p); len(got) != 2 || got[0] != "c" || got[1] != "d" {
		t.Fatalf("active subscriptions %v, want [c d]: the deleted query's a and b end", got)
	}
	if s, ok := p.EPCISSubscription("a"); !ok || s.Active {
		t.Fatalf("subscription a = %+v, %v: want it kept, inactive", s, ok)
	}
}

func TestASubscriptionRecordedAfterItsQueryWasDeletedNeverRuns(t *testing.T) {
	p := fold(t,
		epcisquery.Defined{Owner: "regulator", Name: "ships", Query: "EQ_bizStep=shipping"},
		epcisquery.Deleted{Owner: "regulator", Name: "ships"},
		sub("late", "regulator", "ships"),
	)
	if got := active(p); len(got) != 0 {
		t.Fatalf("active subscriptions %v, want none", got)
	}
}

func TestACancelledSubscriptionStopsAndTheModelSurvivesItsSnapshot(t *testing.T) {
	p := fold(t,
		epcisquery.Defined{Owner: "regulator", Name: "ships", Query: "EQ_bizStep=shipping"},
		sub("a", "regulator", "ships"), sub("b", "regulator", "ships"),
		epcissub.Cancelled{ID: "a", Owner: "regulator", QueryName: "ships"},
	)
	got := p.EPCISSubscriptions("regulator", "ships")
	if len(got) != 1 || got[0].ID != "b" || got[0].Position != 3 || got[0].Subscriber.Role != "regulator" {
		t.Fatalf("subscriptions of ships = %+v, want b alone, recorded at 3, for the regulator", got)
	}
	var snap bytes.Buffer
	if err := p.Snapshot(&snap); err != nil {
		t.Fatal(err)
	}
	q := New()
	if err := q.Restore(bytes.NewReader(snap.Bytes())); err != nil {
		t.Fatal(err)
	}
	if again := q.EPCISSubscriptions("regulator", "ships"); len(again) != 1 || again[0] != got[0] {
		t.Fatalf("restored %+v, want %+v", again, got)
	}
}
