package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// AppendBulk appends many appends in one transaction: each element of
// appends is what one Append call would take, decided in order by the same
// code as a group commit (expected versions, duplicate ids, positions,
// recorded time, the hash chain, the rows), so the log it leaves is the one
// the same appends made one by one would leave, recorded at one moment. It
// is all or nothing: if any append is refused (a version, a duplicate id)
// or the transaction fails, nothing of the bulk is written and the error
// names the refused append. One commit, hence one fsync, carries the whole
// bulk, which is what makes it fast: it is the path of tools that write a
// lot at once (the large-ledger generator), not of clients.
//
// It returns the records written, in order (a repeated append's stored
// records included). Like Append, it copies the writes before returning.
func (s *Store) AppendBulk(ctx context.Context, appends [][]event.Write) ([]event.Record, error) {
	if len(appends) == 0 {
		return nil, fmt.Errorf("append bulk: %w: no appends", event.ErrInvalidAppend)
	}
	if s.w == nil {
		return nil, fmt.Errorf("append bulk: %w", ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("append bulk: %w", err)
	}
	bulk := &request{ctx: ctx, done: make(chan response, 1), parts: make([]*request, len(appends))}
	for i, writes := range appends {
		if err := event.Validate(writes); err != nil {
			return nil, fmt.Errorf("append bulk: append %d: %w", i, err)
		}
		part := &request{ctx: ctx}
		part.writes, part.texts, part.events = ownWrites(writes)
		bulk.parts[i] = part
		bulk.events += part.events
	}
	if err := s.w.queue.put(ctx, bulk); err != nil {
		return nil, fmt.Errorf("append bulk: %w", err)
	}
	select {
	case res := <-bulk.done:
		return res.recs, res.err
	case <-ctx.Done():
		return nil, fmt.Errorf("append bulk: outcome unknown: %w", ctx.Err())
	}
}

// refusal is a bulk's append that was refused: the whole bulk is then
// rolled back, and the log is as it was.
type refusal struct {
	index int
	err   error
}

func (r *refusal) Error() string { return fmt.Sprintf("append %d of the bulk: %v", r.index, r.err) }
func (r *refusal) Unwrap() error { return r.err }

// commitBulk runs one bulk as its own group, all or nothing, and answers it.
func (w *writer) commitBulk(bulk *request) {
	if err := bulk.ctx.Err(); err != nil {
		bulk.done <- response{err: fmt.Errorf("append bulk: %w", err)}
		return
	}
	if w.broken != nil {
		if err := w.reload(); err != nil {
			bulk.done <- response{err: fmt.Errorf("append bulk: %w", err)}
			return
		}
	}
	w.cache.trim()
	resps, g, err := w.attempt(bulk.parts, false, true)
	if errors.Is(err, errDecideAgain) {
		resps, g, err = w.attempt(bulk.parts, true, true)
	}
	var refused *refusal
	switch {
	case errors.As(err, &refused):
		// Nothing was written and the tail did not move: only this bulk fails.
		w.stats.appends.Add(uint64(len(bulk.parts)))
		bulk.done <- response{err: fmt.Errorf("append bulk: nothing written: %w", err)}
		return
	case err != nil:
		w.stats.failed.Add(1)
		w.afterFailure(err)
		bulk.done <- response{err: fmt.Errorf("append bulk: nothing written: %w", err)}
		return
	}
	w.committed(g)
	w.stats.appends.Add(uint64(len(bulk.parts)))
	n := 0
	for _, r := range resps {
		n += len(r.recs)
	}
	recs := make([]event.Record, 0, n)
	for _, r := range resps {
		recs = append(recs, r.recs...)
	}
	bulk.done <- response{recs: recs}
}
