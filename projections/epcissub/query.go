package epcissub

import "github.com/traceledger/traceledger/projections/runner"

// applyQuery folds the named queries' definitions and deletions.
func (p *Projection) applyQuery(env *runner.Envelope) {
	_ = env
}
