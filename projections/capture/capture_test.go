package capture_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/location"
	proj "github.com/traceledger/traceledger/projections/capture"
	"github.com/traceledger/traceledger/projections/runner"
)

func TestJobsAndLocationsAreFoldedFromTheLog(t *testing.T) {
	p := proj.New()
	at := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	envs := []runner.Envelope{
		{Record: event.Record{Position: 3, Metadata: event.Metadata{OccurredAt: at}}, Event: location.Registered{GLN: "6901234000009", USCC: "U1", Name: "冷库"}},
		{Record: event.Record{Position: 7, Metadata: event.Metadata{OccurredAt: at, RecordedAt: at}}, Event: capture.JobRecorded{JobID: "j1", ActorUSCC: "U1", ActorRole: "enterprise", Format: "xml",
			ReceivedAt: at.Format(time.RFC3339Nano), Results: []capture.JobResult{{Index: 0, HashID: "ni:///sha-256;ab", Outcome: "captured", Command: "Ship"}}}},
	}
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	j, ok := p.Job("j1")
	if !ok || !j.Success || j.Position != 7 || len(j.Events) != 1 || j.Events[0].Command != "Ship" || j.ActorUSCC != "U1" {
		t.Fatalf("job %+v", j)
	}
	if ls := p.Locations("U1"); len(ls) != 1 || ls[0].GLN != "6901234000009" || ls[0].Position != 3 {
		t.Fatalf("locations %+v", ls)
	}
	if len(p.Jobs()) != 1 || len(p.Locations("U2")) != 0 {
		t.Fatal("lists")
	}
}
