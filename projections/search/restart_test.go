package search_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// answers is what a set of queries returns, without scores: two indexes
// that agree on it give users the same answers.
func answers(t *testing.T, p *search.Projection, w world) []string {
	t.Helper()
	var out []string
	for _, q := range []search.Query{
		{Text: "燕麦"}, {Text: "福瑞"}, {Text: w.shanghai}, {Text: w.milk[8:]}, {Text: w.declShanghai},
		{Text: "菌落总数超标"}, {Visible: w.guangzhou, Limit: 100}, {Visible: w.beijing, Limit: 100}, {Limit: 100},
		{Text: "已放行"}, {Text: "属实"},
	} {
		res := find(t, p, q)
		for _, h := range res.Hits {
			out = append(out, q.Text+"|"+q.Visible+"|"+h.Kind+":"+h.ID+"|"+h.Title+"|"+h.Subtitle)
		}
	}
	return out
}

// fullBuild folds the whole fixture into a fresh index.
func fullBuild(t *testing.T, envs []runner.Envelope) *search.Projection {
	t.Helper()
	p, err := search.New(filepath.Join(t.TempDir(), "full"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	for _, b := range batches(envs, 5) {
		if err := p.Apply(b); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func batches(envs []runner.Envelope, n int) [][]runner.Envelope {
	var out [][]runner.Envelope
	for len(envs) > 0 {
		k := min(n, len(envs))
		out = append(out, envs[:k])
		envs = envs[k:]
	}
	return out
}

// restart reopens the index in dir as the runner does after a crash: a
// reset, then the snapshot restored.
func restart(t *testing.T, dir string, snap []byte) *search.Projection {
	t.Helper()
	p, err := search.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	p.Reset()
	if err := p.Restore(bytes.NewReader(snap)); err != nil {
		t.Fatalf("restore: %v", err)
	}
	return p
}

func TestRestartFromAnOlderSnapshotAnswersAsAFullRebuild(t *testing.T) {
	w, envs := fixture(t)
	want := answers(t, fullBuild(t, envs), w)
	for _, cut := range []int{1, 9, 20, 33, len(envs) - 1} {
		dir := filepath.Join(t.TempDir(), "search")
		p, err := search.New(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range batches(envs[:cut], 4) {
			if err := p.Apply(b); err != nil {
				t.Fatal(err)
			}
		}
		var snap bytes.Buffer
		if err := p.Snapshot(&snap); err != nil {
			t.Fatal(err)
		}
		// The index runs ahead of the snapshot, then the process dies.
		for _, b := range batches(envs[cut:], 3) {
			if err := p.Apply(b); err != nil {
				t.Fatal(err)
			}
		}
		p.Close()

		p = restart(t, dir, snap.Bytes())
		if got := p.Position(); got != uint64(cut) {
			t.Fatalf("cut %d: restored at %d", cut, got)
		}
		for _, b := range batches(envs[cut:], 7) {
			if err := p.Apply(b); err != nil {
				t.Fatal(err)
			}
		}
		if got := answers(t, p, w); !slices.Equal(got, want) {
			t.Errorf("cut %d: answers after the restart differ from a full rebuild:\n got %s\nwant %s", cut,
				strings.Join(got, "\n     "), strings.Join(want, "\n     "))
		}
	}
}

func TestRestoreRefusesAnIndexBehindTheSnapshot(t *testing.T) {
	w, envs := fixture(t)
	_ = w
	dir := filepath.Join(t.TempDir(), "search")
	p, err := search.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	var snap bytes.Buffer
	if err := p.Snapshot(&snap); err != nil {
		t.Fatal(err)
	}
	p.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	p, err = search.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.Reset()
	if err := p.Restore(&snap); err == nil {
		t.Fatal("restored a snapshot of the whole fixture over an empty index")
	}
}

func TestResetThenApplyForgetsTheOldLog(t *testing.T) {
	w, envs := fixture(t)
	dir := filepath.Join(t.TempDir(), "search")
	p, err := search.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Apply(envs); err != nil {
		t.Fatal(err)
	}
	p.Reset()
	if err := p.Apply(envs[:1]); err != nil {
		t.Fatal(err)
	}
	got := ids(find(t, p, search.Query{Limit: 100}).Hits)
	if !slices.Equal(got, []string{"enterprise:" + w.harbin}) {
		t.Errorf("after a reset and the first event: %v, want only that event's enterprise", got)
	}
}
