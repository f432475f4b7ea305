package trace

import (
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection is the trace read model. It implements runner.Projection; its
// queries take the read lock and may run beside Apply.
type Projection struct {
	runner.JSONModel[state]
}

// The queries read it through the port app/query declares.
var _ query.TraceModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// New returns an empty trace model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("trace", newState, p.apply)
	p.OnRestore(reindex)
	return p
}

// Version is the snapshot layout's version: bump it when state changes.
func (p *Projection) Version() int { return 3 }

// reindex checks a restored state and rebuilds its indexes.
func reindex(s *state) error {
	if s.Transformations == nil {
		s.Transformations = map[string]*Transformation{}
	}
	if s.Holders == nil {
		return fmt.Errorf("snapshot misses holders")
	}
	for _, b := range s.Batches {
		if b.Units == nil {
			return fmt.Errorf("batch %s/%s has no units", b.GTIN, b.Lot)
		}
		b.Units.Reindex()
		s.lots[b.GTIN] = append(s.lots[b.GTIN], b.Lot)
	}
	for _, l := range s.lots {
		slices.Sort(l)
	}
	return nil
}
