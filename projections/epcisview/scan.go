package epcisview

import "github.com/traceledger/traceledger/app/query"

// Scan answers up to limit events matching f in log order by testing
// every event, without the indexes: the baseline the benchmark sets the
// indexed query beside.
func (p *Projection) Scan(f query.EPCISFilter, limit int) []query.EPCISEvent {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []query.EPCISEvent
	for i := range p.s.Events {
		if len(out) == limit {
			break
		}
		if matches(&p.s.Events[i], f) {
			out = append(out, p.s.Events[i])
		}
	}
	return out
}

// Sample is an event at about the given fraction of the log, for the
// benchmark's queries (false when the model is empty).
func (p *Projection) Sample(fraction float64) (query.EPCISEvent, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if len(p.s.Events) == 0 {
		return query.EPCISEvent{}, false
	}
	return p.s.Events[min(int(fraction*float64(len(p.s.Events))), len(p.s.Events)-1)], true
}
