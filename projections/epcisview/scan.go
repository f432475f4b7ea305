package epcisview

import (
	"fmt"

	"github.com/traceledger/traceledger/app/query"
)

// Scan answers up to limit events matching f in log order by testing
// every event, without the indexes: the baseline the benchmark sets the
// indexed query beside. A failed read is an error.
func (p *Projection) Scan(f query.EPCISFilter, limit int) ([]query.EPCISEvent, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []query.EPCISEvent
	if limit <= 0 {
		return out, nil
	}
	fail := &failure{}
	p.walk(source{all: true}, nil, false, 256, fail, func(e entry) bool {
		if ev, ok := p.read(e, fail); ok && matches(&ev, f) {
			out = append(out, ev)
		}
		return len(out) < limit && !fail.failed()
	})
	return result(out, fail)
}

// Sample is an event at about the given fraction of the log, for the
// benchmark's queries (false when the model is empty); a failed read is
// an error.
func (p *Projection) Sample(fraction float64) (query.EPCISEvent, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	last, err := p.m.Position()
	if err != nil {
		return query.EPCISEvent{}, false, fmt.Errorf("epcis view: %w", err)
	}
	var out query.EPCISEvent
	found := false
	fail := &failure{}
	at := func(from []byte, reverse bool) {
		fail.keep(p.m.Scan([]byte{'e'}, from, reverse, func(_, v []byte) bool {
			ev, err := decodeEvent(v)
			fail.keep(err)
			out, found = ev, err == nil
			return false
		}))
	}
	at(eventKey(row(uint64(fraction*float64(last)), 0)), false)
	if !found && !fail.failed() {
		at(nil, true)
	}
	if fail.failed() {
		return query.EPCISEvent{}, false, fmt.Errorf("epcis view: %w", fail.err)
	}
	return out, found, nil
}
