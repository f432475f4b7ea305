package main

import (
	"path/filepath"

	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/complaintlist"
	"github.com/traceledger/traceledger/projections/declaration"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
	"github.com/traceledger/traceledger/projections/withdrawal"
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
	analytics *analytics.Projection
	decls     *declaration.Projection
	trace     *trace.Projection
	recalls   *recalllist.Projection
	merkle    *merkle.Projection
	// complaints is the complaint case list.
	complaints *complaintlist.Projection

	withdrawals *withdrawal.Projection
}

// newModels builds the read models. treeDir keeps the Merkle tree's level
// files (merkleDir(cfg)); "" keeps them in memory, for one-off folds.
func newModels(treeDir string) *models {
	tr := trace.New()
	return &models{directory: directory.New(), cert: certificate.New(), history: history.New(), risk: risk.New(), analytics: analytics.New(), decls: declaration.New(),
		trace: tr, recalls: recalllist.New(tr), merkle: merkle.New(treeDir),
		complaints: complaintlist.New(), withdrawals: withdrawal.New()}
}

// all lists the projections in the order the runner applies them.
func (m *models) all() []runner.Projection {
	return []runner.Projection{m.directory, m.cert, m.history, m.risk, m.analytics, m.decls, m.trace, m.recalls, m.merkle,
		m.complaints, m.withdrawals}
}

func modelsPath(cfg Config) string { return filepath.Join(cfg.Data, modelsDir) }
