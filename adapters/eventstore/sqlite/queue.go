package sqlite

import (
	"context"
	"sync"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// request is one Append waiting for its group to commit.
type request struct {
	ctx    context.Context
	writes []event.Write
	texts  [][]eventText // the text columns of writes[i].Events[j]
	events int
	key    *event.Key    // recorded with the events, when set
	done   chan response // buffered: the writer never blocks on a caller
	// parts, when set, make this a bulk (AppendBulk): each part one append,
	// all committed in one transaction or none.
	parts []*request
}

type response struct {
	recs []event.Record
	err  error
}

// queue carries requests from appenders to the writer. Closing it refuses new
// requests but keeps those already queued for the writer to commit, so an
// append is either refused with ErrClosed or answered by the writer.
type queue struct {
	mu     sync.RWMutex // held for reading while sending, so close never races a send
	closed bool
	ch     chan *request
}

func newQueue(depth int) *queue { return &queue{ch: make(chan *request, depth)} }

// put hands req to the writer unless the queue is closed; it waits for room
// at most as long as ctx allows.
func (q *queue) put(ctx context.Context, req *request) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return ErrClosed
	}
	select {
	case q.ch <- req:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close refuses further requests. Safe to call more than once.
func (q *queue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.ch)
	}
}

// len is how many requests wait.
func (q *queue) len() int { return len(q.ch) }

// take blocks for one request, then takes whatever else is already queued, up
// to maxEvents events (a single larger request is still taken whole). Waiting
// for nothing more is what makes groups grow with load and stay small, hence
// quick, when appends are rare. open is false once closed and drained.
//
// If fewer than want requests have come when the queue runs dry, take waits
// up to linger for more. The writer asks for as many as its last group
// answered: under load those appenders come straight back, and without the
// wait a group would leave as soon as the first of them arrived, the rest
// forming a second group and paying a second fsync (with 64 closed-loop
// writers, groups of 32 on average instead of 64). A lone appender is back
// at once, so it never waits.
func (q *queue) take(maxEvents, want int, linger time.Duration) (batch []*request, open bool) {
	req, ok := <-q.ch
	if !ok {
		return nil, false
	}
	batch = append(batch, req)
	n := req.events
	var timer *time.Timer
	for n < maxEvents {
		select {
		case req, ok := <-q.ch:
			if !ok {
				return batch, false
			}
			batch = append(batch, req)
			n += req.events
			continue
		default:
		}
		if len(batch) >= want || linger <= 0 {
			return batch, true
		}
		if timer == nil {
			timer = time.NewTimer(linger)
			defer timer.Stop()
		}
		select {
		case req, ok := <-q.ch:
			if !ok {
				return batch, false
			}
			batch = append(batch, req)
			n += req.events
		case <-timer.C:
			return batch, true
		}
	}
	return batch, true
}
