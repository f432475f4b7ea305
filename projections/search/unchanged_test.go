package search_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/search"
)

// An event that changes nothing searchable (another sale by a seller the
// batch already shows, through a channel it already shows) writes no
// document, whether the documents are in the fold's cache or read back
// from the index after a restart; one that changes something writes what
// it changed, and the answers are a full rebuild's.
func TestAnEventThatChangesNothingSearchableWritesNoDocument(t *testing.T) {
	w, envs := fixture(t)
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	next := uint64(len(envs))
	more := func(e batch.Sold) {
		next++
		envs = append(envs, envelope(t, next, at, e))
	}
	dir := filepath.Join(t.TempDir(), "search")
	p, err := search.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	same := batch.Sold{GTIN: w.oats, Lot: "OAT2501", SellerUSCC: w.guangzhou, Channel: "retail", Units: batch.Units{Quantity: 1}}
	before := p.DocumentsWritten()
	more(same)
	if err := p.Apply(envs[len(envs)-1:]); err != nil {
		t.Fatal(err)
	}
	if got := p.DocumentsWritten(); got != before {
		t.Errorf("a sale that changes nothing wrote %d documents from the cache", got-before)
	}
	var snap bytes.Buffer
	if err := p.Snapshot(&snap); err != nil {
		t.Fatal(err)
	}
	p.Close()

	p = restart(t, dir, snap.Bytes())
	more(same)
	if err := p.Apply(envs[len(envs)-1:]); err != nil {
		t.Fatal(err)
	}
	if got := p.DocumentsWritten(); got != 0 {
		t.Errorf("a sale that changes nothing wrote %d documents read back from the index", got)
	}
	// A new channel is a new note on the batch: that document only.
	more(batch.Sold{GTIN: w.oats, Lot: "OAT2501", SellerUSCC: w.guangzhou, Channel: "直播带货", Units: batch.Units{Quantity: 1}})
	if err := p.Apply(envs[len(envs)-1:]); err != nil {
		t.Fatal(err)
	}
	if got := p.DocumentsWritten(); got != 1 {
		t.Errorf("a sale through a new channel wrote %d documents, want the batch's 1", got)
	}
	if got, want := answers(t, p, w), answers(t, fullBuild(t, envs), w); !slices.Equal(got, want) {
		t.Errorf("answers differ from a full rebuild:\n got %q\nwant %q", got, want)
	}
	if res := find(t, p, search.Query{Text: "直播带货"}); len(res.Hits) != 1 || res.Hits[0].Kind != search.KindBatch {
		t.Errorf("the new channel finds %+v, want the batch", res.Hits)
	}
}
