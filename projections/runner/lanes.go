package runner

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// lanes fold a rebuild's pages into each projection on a goroutine of its
// own. Every lane gets every page in log order; a page's envelopes are
// shared by all lanes and read only. A lane that fails stops taking pages,
// cancels the rebuild and keeps its error; the others stop at the next
// page.
type lanes struct {
	ls     []*lane
	wg     sync.WaitGroup
	cancel context.CancelFunc
}

type lane struct {
	p       Projection
	in      chan []Envelope
	reached atomic.Uint64 // the last position applied
	err     error
}

// laneDepth is how many pages a lane may lag behind the reader: enough to
// even out pages of unequal cost, few enough to bound memory.
const laneDepth = 4

func startLanes(ps []Projection, cancel context.CancelFunc) *lanes {
	l := &lanes{cancel: cancel}
	for _, p := range ps {
		ln := &lane{p: p, in: make(chan []Envelope, laneDepth)}
		l.ls = append(l.ls, ln)
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for batch := range ln.in {
				if ln.err != nil {
					continue // drain: the rebuild is being cancelled
				}
				if err := ln.p.Apply(batch); err != nil {
					ln.err = fmt.Errorf("projection %s after %d: %w", ln.p.Name(), ln.reached.Load(), err)
					cancel()
					continue
				}
				ln.reached.Store(batch[len(batch)-1].Position)
			}
		}()
	}
	return l
}

// give hands a page to every lane, waiting while a lane is a full
// laneDepth pages behind; it reports false once the rebuild is cancelled.
func (l *lanes) give(ctx context.Context, batch []Envelope) bool {
	for _, ln := range l.ls {
		select {
		case ln.in <- batch:
		case <-ctx.Done():
			return false
		}
	}
	return true
}

// reached is the position every lane has applied.
func (l *lanes) reached() uint64 {
	var low uint64
	for i, ln := range l.ls {
		if r := ln.reached.Load(); i == 0 || r < low {
			low = r
		}
	}
	return low
}

// finish waits for every lane to apply what it was given and returns the
// first lane's error, in the order of the projections.
func (l *lanes) finish() error {
	for _, ln := range l.ls {
		close(ln.in)
	}
	l.wg.Wait()
	for _, ln := range l.ls {
		if ln.err != nil {
			return ln.err
		}
	}
	return nil
}
