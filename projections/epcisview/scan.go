package epcisview

import (
	"github.com/traceledger/traceledger/app/query"
)

// Scan answers up to limit events matching f in log order by testing
// every event, without the indexes: the baseline the benchmark sets the
// indexed query beside.
func (p *Projection) Scan(f query.EPCISFilter, limit int) []query.EPCISEvent {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []query.EPCISEvent
	if limit <= 0 {
		return out
	}
	fail := &failure{} // the benchmark's baseline: a failed read ends it
	p.walk(source{all: true}, nil, false, 256, fail, func(e entry) bool {
		if ev, ok := p.read(e, fail); ok && matches(&ev, f) {
			out = append(out, ev)
		}
		return len(out) < limit
	})
	return out
}

// Sample is an event at about the given fraction of the log, for the
// benchmark's queries (false when the model is empty).
func (p *Projection) Sample(fraction float64) (query.EPCISEvent, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	last, err := p.m.Position()
	if err != nil {
		return query.EPCISEvent{}, false
	}
	var out query.EPCISEvent
	found := false
	at := func(from []byte, reverse bool) {
		p.m.Scan([]byte{'e'}, from, reverse, func(_, v []byte) bool {
			ev, err := decodeEvent(v)
			out, found = ev, err == nil
			return false
		})
	}
	at(eventKey(row(uint64(fraction*float64(last)), 0)), false)
	if !found {
		at(nil, true)
	}
	return out, found
}
