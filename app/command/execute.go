package command

import (
	"errors"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// Observer hears how each command ended: the events it appended, or why it
// failed. Metrics implement it in an adapter; the handlers call it once per
// command, after the last retry, whichever port the command came through.
type Observer interface {
	Done(command string, out Outcome, err error)
}

type noObserver struct{}

func (noObserver) Done(string, Outcome, error) {}

// concurrencyRetries is how often a command is decided when its append meets
// a stream another writer moved (another replica on a shared store). The
// unit of work drops the aggregates of a failed append from the cache, so
// each new decision runs on fresh state.
const concurrencyRetries = 3

// execute is the one path every command takes: ask the domain whether the
// actor may give the command at all (the command's rule in permissions,
// one of access.Actor's checks; a caller that may not learns nothing of
// its input's faults),
// check the input's bounds, decide (again, on a concurrency conflict), then
// tell the observer. The input was decoded once by the caller; decide only
// reads it.
func (h *Handlers) execute(name string, a access.Actor, in any, decide func() (Outcome, error)) (Outcome, error) {
	err := permitted(a, name)
	if err == nil {
		err = checkBounds(in)
	}
	if err != nil {
		h.observer.Done(name, Outcome{}, err)
		return Outcome{}, err
	}
	var out Outcome
	for range concurrencyRetries {
		if out, err = decide(); !errors.Is(err, event.ErrConcurrency) {
			break
		}
	}
	h.observer.Done(name, out, err)
	return out, err
}
