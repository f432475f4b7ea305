package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// A cache far smaller than the documents folded turns its generations over
// many times: the answers are a full build's, and an event that changes
// nothing still writes nothing.
func TestASmallDocumentCacheAnswersAsAFullBuild(t *testing.T) {
	w, envs := fixture(t)
	want := answers(t, fullBuild(t, envs), w)
	for _, bound := range []int{2, 4, 7} {
		p, err := search.New("")
		if err != nil {
			t.Fatal(err)
		}
		search.SetMaxCached(p, bound)
		for _, b := range batches(envs, 2) {
			if err := p.Apply(b); err != nil {
				t.Fatal(err)
			}
		}
		if got := answers(t, p, w); !slices.Equal(got, want) {
			t.Errorf("cache of %d: answers differ from a full build:\n got %s\nwant %s", bound,
				strings.Join(got, "\n     "), strings.Join(want, "\n     "))
		}
		// The last event again: its documents are the index's already.
		before := p.DocumentsWritten()
		again := envs[len(envs)-1]
		again.Position = uint64(len(envs) + 1)
		if err := p.Apply([]runner.Envelope{again}); err != nil {
			t.Fatal(err)
		}
		if got := p.DocumentsWritten(); got != before {
			t.Errorf("cache of %d: an event applied again wrote %d documents", bound, got-before)
		}
		p.Close()
	}
}
