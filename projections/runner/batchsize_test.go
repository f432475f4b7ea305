package runner

import "testing"

type asks struct {
	Projection
	size int
}

func (a asks) BatchSize() int { return a.size }

// A runner applies batches of the smallest size its projections ask for,
// the default for one that asks for none, and the size its options give.
func TestARunnersBatchIsTheSmallestItsProjectionsAskFor(t *testing.T) {
	for _, c := range []struct {
		ps   []Projection
		o    Options
		want int
	}{
		{[]Projection{asks{size: 32768}}, Options{}, 32768},
		{[]Projection{asks{size: 32768}, asks{size: 8192}}, Options{}, 8192},
		{[]Projection{asks{size: 32768}, asks{}}, Options{}, defaultBatchSize},
		{[]Projection{asks{size: 32768}}, Options{BatchSize: 5}, 5},
	} {
		if got := New(nil, c.o, c.ps...).o.BatchSize; got != c.want {
			t.Errorf("%+v with %+v: batch %d, want %d", c.ps, c.o, got, c.want)
		}
	}
}
