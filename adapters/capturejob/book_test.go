package capturejob_test

import (
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/adapters/capturejob"
	"github.com/traceledger/traceledger/app/query"
)

func TestAJobOfARefusedDocumentSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "capture-jobs.jsonl")
	b, err := capturejob.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	job := query.CaptureJob{CaptureID: "j1", ActorUSCC: "U1", Errors: []query.CaptureProblem{{EventIndex: 1, Rule: "unknown_gln"}}}
	if err := b.Put(t.Context(), job); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b, err = capturejob.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, ok, err := b.Get(t.Context(), "j1")
	if err != nil || !ok || got.ActorUSCC != "U1" || len(got.Errors) != 1 || got.Errors[0].Rule != "unknown_gln" {
		t.Fatalf("after a restart: %+v %v %v", got, ok, err)
	}
}

func TestTheBookListsItsJobsOldestFirstAfterARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "capture-jobs.jsonl")
	b, err := capturejob.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"j1", "j2", "j3"} {
		if err := b.Put(t.Context(), query.CaptureJob{CaptureID: id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b, err = capturejob.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var got []string
	for _, j := range b.Jobs() {
		got = append(got, j.CaptureID)
	}
	if len(got) != 3 || got[0] != "j1" || got[2] != "j3" {
		t.Fatalf("the book lists %v, want j1, j2, j3", got)
	}
}
