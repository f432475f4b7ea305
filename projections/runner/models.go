package runner

import (
	"context"
	"fmt"
)

// Models is the progress of some of a runner's projections: the ones a
// query reads. A query waits for these only, so a projection that lags or
// failed holds back only the queries that read it.
type Models struct {
	r       *Runner
	entries []*entry
	unknown []string
}

// Of is the progress of the named projections. A name the runner does not
// run makes every WaitFor fail, naming it.
func (r *Runner) Of(names ...string) Models {
	m := Models{r: r}
	for _, n := range names {
		e := r.entry(n)
		if e == nil {
			m.unknown = append(m.unknown, n)
			continue
		}
		m.entries = append(m.entries, e)
	}
	return m
}

func (r *Runner) entry(name string) *entry {
	for _, e := range r.entries {
		if e.p.Name() == name {
			return e
		}
	}
	return nil
}

// WaitFor returns once each of the projections has applied pos; it fails
// when ctx ends first, and at once when one of them failed before pos.
func (m Models) WaitFor(ctx context.Context, pos uint64) error {
	if len(m.unknown) > 0 {
		return fmt.Errorf("no read model %q runs", m.unknown[0])
	}
	return m.r.waitFor(ctx, m.entries, pos)
}

// Position is the position each of the projections has reached.
func (m Models) Position() uint64 {
	var low uint64
	for i, e := range m.entries {
		if p := e.position.Load(); i == 0 || p < low {
			low = p
		}
	}
	return low
}
