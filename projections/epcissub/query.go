package epcissub

import (
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/projections/runner"
)

// applyQuery folds the named queries' definitions and deletions: deleting
// a query ends every subscription to it.
func (p *Projection) applyQuery(env *runner.Envelope) {
	s := p.State()
	switch ev := env.Event.(type) {
	case epcisquery.Defined:
		s.Defined[queryKey(ev.Owner, ev.Name)] = true
	case epcisquery.Deleted:
		s.queryDeleted(ev.Owner, ev.Name)
	}
}
