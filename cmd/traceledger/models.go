package main

import (
	"path/filepath"

	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// modelsDir is where the read models' snapshots live in the data directory.
const modelsDir = "projections"

// models are the read models serve keeps up to date and replay rebuilds:
// one place builds them, so both always hold the same set.
type models struct {
	directory *directory.Projection
	cert      *certificate.Projection
	history   *history.Projection
	risk      *risk.Projection
	trace     *trace.Projection
	recalls   *recalllist.Projection
}

func newModels() *models {
	tr := trace.New()
	return &models{directory: directory.New(), cert: certificate.New(), history: history.New(), risk: risk.New(),
		trace: tr, recalls: recalllist.New(tr)}
}

// all lists the projections in the order the runner applies them.
func (m *models) all() []runner.Projection {
	return []runner.Projection{m.directory, m.cert, m.history, m.risk, m.trace, m.recalls}
}

func modelsPath(cfg Config) string { return filepath.Join(cfg.Data, modelsDir) }
