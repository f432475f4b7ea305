package enginebench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// maxGroup bounds the events of one group, as the store's MaxBatch does.
const maxGroup = 4096

// appendReq is one appender's single-event append waiting for its group.
type appendReq struct {
	stream   string
	expected uint64
	p        event.Pending
	text     rowText
	done     chan error
}

// frontEnd is the committer every candidate shares: it decides, numbers and
// chains appends and hands each group to the engine.
type frontEnd struct {
	eng      engine
	queue    chan *appendReq
	heads    map[string]streamHead
	head     uint64
	hash     [32]byte
	recorded time.Time
	groups   int
	// last and took are the last group's requests and commit time: the
	// store's group commit policy (see the sqlite adapter's queue.take).
	last int
	took time.Duration
}

// run commits groups until the queue closes.
func (f *frontEnd) run(ctx context.Context) {
	for {
		batch, open := f.take()
		if len(batch) > 0 {
			start := time.Now()
			f.commit(ctx, batch)
			f.last, f.took = len(batch), time.Since(start)
		}
		if !open {
			return
		}
	}
}

// take blocks for one request, then takes whatever else already waits; if
// fewer requests than the last group's have come, it waits for more up to
// a quarter of the last commit's time (at most 2 ms), as the store does.
func (f *frontEnd) take() ([]*appendReq, bool) {
	r, ok := <-f.queue
	if !ok {
		return nil, false
	}
	batch := []*appendReq{r}
	var timer *time.Timer
	for len(batch) < maxGroup {
		select {
		case r, ok := <-f.queue:
			if !ok {
				return batch, false
			}
			batch = append(batch, r)
			continue
		default:
		}
		linger := min(f.took/4, 2*time.Millisecond)
		if len(batch) >= f.last || linger <= 0 {
			return batch, true
		}
		if timer == nil {
			timer = time.NewTimer(linger)
			defer timer.Stop()
		}
		select {
		case r, ok := <-f.queue:
			if !ok {
				return batch, false
			}
			batch = append(batch, r)
		case <-timer.C:
			return batch, true
		}
	}
	return batch, true
}

// commit decides every request in order, writes the accepted ones as one
// group and answers each after the engine made the group durable.
func (f *frontEnd) commit(ctx context.Context, batch []*appendReq) {
	now := event.NormalizeTime(time.Now())
	if now.Before(f.recorded) {
		now = f.recorded
	}
	g := &group{heads: make(map[string]streamHead), recorded: event.FormatTime(now)}
	errs := make([]error, len(batch))
	head, hash := f.head, f.hash
	for i, r := range batch {
		h, ok := g.heads[r.stream]
		if !ok {
			h = f.heads[r.stream]
		}
		if h.version != r.expected {
			errs[i] = &event.ConcurrencyError{Stream: r.stream, Expected: event.Exact(r.expected), Actual: h.version}
			continue
		}
		md := r.p.Metadata
		md.RecordedAt = now
		head++
		rec := event.Record{ID: r.p.ID, Stream: r.stream, Version: h.version + 1, Position: head, Type: r.p.Type, Data: r.p.Data, Metadata: md}
		rec.Hash = event.Chain(hash, rec)
		hash = rec.Hash
		g.recs = append(g.recs, rec)
		g.texts = append(g.texts, r.text)
		g.prev = append(g.prev, h.last)
		g.heads[r.stream] = streamHead{version: rec.Version, last: rec.Position}
	}
	var err error
	if len(g.recs) > 0 {
		err = f.eng.commit(ctx, g)
	}
	if err == nil {
		f.head, f.hash, f.recorded = head, hash, now
		for s, h := range g.heads {
			f.heads[s] = h
		}
		f.groups++
	}
	for i, r := range batch {
		if errs[i] == nil {
			errs[i] = err
		}
		r.done <- errs[i]
	}
}

// AppendResult is one candidate's durable appends.
type AppendResult struct {
	Events   int
	Groups   int
	Duration time.Duration
	PerSec   float64
}

// measureAppend has writers goroutines append perWriter events each, one
// per call, to a stream of their own with exact expected versions, the
// bodies cycling through templates; the clock runs from the first append to
// the last acknowledgement.
func measureAppend(ctx context.Context, eng engine, templates []event.Pending, writers, perWriter int) (AppendResult, error) {
	reqs := make([][]*appendReq, writers)
	k := 0
	for i := range perWriter {
		for w := range writers {
			if i == 0 {
				reqs[w] = make([]*appendReq, perWriter)
			}
			p := templates[k%len(templates)]
			k++
			p.ID = uuid.Must(uuid.NewV7())
			reqs[w][i] = &appendReq{stream: fmt.Sprintf("bench-%03d", w), expected: uint64(i), p: p, done: make(chan error, 1)}
		}
	}
	f := &frontEnd{eng: eng, queue: make(chan *appendReq, 4096), heads: make(map[string]streamHead)}
	done := make(chan struct{})
	go func() { defer close(done); f.run(ctx) }()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	start := time.Now()
	for w := range writers {
		wg.Go(func() {
			for _, r := range reqs[w] {
				// The appender's share of the row, as the store's appenders do.
				r.p.Metadata.OccurredAt = event.NormalizeTime(r.p.Metadata.OccurredAt)
				r.text = rowText{id: r.p.ID.String(), occurred: event.FormatTime(r.p.Metadata.OccurredAt)}
				f.queue <- r
				if err := <-r.done; err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, fmt.Errorf("writer %d: %w", w, err))
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	close(f.queue)
	<-done
	n := writers * perWriter
	return AppendResult{Events: n, Groups: f.groups, Duration: el, PerSec: float64(n) / el.Seconds()}, firstErr
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
