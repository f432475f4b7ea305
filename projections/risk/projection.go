// Package risk grades enterprises' credit (诚信评级) from events alone: four
// classes, 1 (most trusted) to 4 (dishonest: blacklisted). The fold collects
// each enterprise's features (complaints, inspections, customs, recalls,
// penalties, certificate lapses, serious violations) without a clock; a
// query turns them into factors, a score and a grade at a given time, where
// only the time-dependent factors (recall deadlines, certificate expiry) use
// that time. The weights and thresholds are grading.json; docs/grading.md
// defines every factor.
package risk

import (
	"fmt"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// layoutVersion versions the snapshot's state layout; Version combines it
// with grading.json's version, whose serious-violation rules the fold uses.
const layoutVersion = 4

// Projection is the credit grade read model. It implements
// runner.Projection.
type Projection struct {
	runner.JSONModel[state]
	cfg Config
	// touched are the enterprises the event being folded concerns.
	touched []string
}

// The queries read it through the port app/query declares.
var _ query.RiskModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// New builds the projection with the embedded grading.json.
func New() *Projection { return NewWithConfig(Embedded()) }

// NewWithConfig builds the projection with another grading configuration,
// for tests and for trying a scheme on a copy of the log.
func NewWithConfig(c Config) *Projection {
	p := &Projection{cfg: c}
	p.JSONModel = runner.NewJSONModel("risk", newState, p.apply)
	p.OnRestore(checkRestored)
	return p
}

// Config is the grading configuration in use.
func (p *Projection) Config() Config { return p.cfg }

// Version changes when the state layout or the serious-violation rules
// change, so that an older snapshot is discarded and the model rebuilt.
func (p *Projection) Version() int { return layoutVersion*1000 + p.cfg.Version }

// checkRestored refuses a snapshot whose batches' holders are out of order:
// get would miss holders it has.
func checkRestored(s *state) error {
	for key, b := range s.Batches {
		if b != nil && !b.Holders.sorted() {
			return fmt.Errorf("batch %s: holders not in order of USCC, or one twice", key)
		}
	}
	return nil
}
