package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/capture"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/complaintlist"
	"github.com/traceledger/traceledger/projections/container"
	"github.com/traceledger/traceledger/projections/declaration"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/epcissub"
	"github.com/traceledger/traceledger/projections/epcisview"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
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
	// containers are the cases and pallets (SSCC).
	containers *container.Projection

	// epcis is every ledger event rendered as EPCIS 2.0, with its hash id,
	// kept in the on-disk model store.
	epcis *epcisview.Projection

	// capture is the EPCIS capture jobs and the GLN registry.
	capture *capture.Projection

	// search is the full-text index, kept on disk like the Merkle tree's
	// levels; Close it when done.
	search *search.Projection

	// subs are the EPCIS query subscriptions.
	subs *epcissub.Projection

	// disk holds the models too large for memory, each in its own key range.
	disk *modelstore.DB
}

// modelDirs are where the models that keep files live: the Merkle tree's
// level files, the search index and the on-disk model store. An empty one
// keeps that part in memory, for one-off folds.
type modelDirs struct {
	tree, index, disk string
	// cache is the on-disk store's block cache in bytes (0: its default).
	cache int64
}

// dirsOf is the data directory's layout of the models' files.
func dirsOf(cfg Config) modelDirs {
	return modelDirs{tree: merkleDir(cfg), index: searchDir(cfg), disk: diskDir(cfg), cache: cfg.ModelCache}
}

// diskDir is where the on-disk model store lives in the data directory.
func diskDir(cfg Config) string { return filepath.Join(modelsPath(cfg), "store") }

// newModels builds the read models with their files in dirs.
func newModels(dirs modelDirs) (*models, error) {
	disk, err := modelstore.Open(dirs.disk, modelstore.Options{CacheBytes: dirs.cache})
	if err != nil {
		return nil, err
	}
	treeDir, indexDir := dirs.tree, dirs.index
	tr, err := trace.Open(disk)
	if err != nil {
		disk.Close()
		return nil, err
	}
	m := &models{directory: directory.New(), cert: certificate.New(), risk: risk.New(), analytics: analytics.New(), decls: declaration.New(),
		trace: tr, recalls: recalllist.New(tr), merkle: merkle.New(treeDir),
		complaints: complaintlist.New(), withdrawals: withdrawal.New()}
	m.capture = capture.New()
	m.disk = disk
	if m.history, err = history.New(disk.Model("history")); err != nil {
		disk.Close()
		return nil, err
	}
	idx, err := search.New(indexDir)
	if err != nil {
		disk.Close()
		return nil, fmt.Errorf("open the search index: %w", err)
	}
	m.search = idx
	m.containers = container.New()
	if m.epcis, err = epcisview.New(disk.Model("epcis"), querydoc.HashID); err != nil {
		idx.Close()
		disk.Close()
		return nil, err
	}
	m.subs = epcissub.New()
	return m, nil
}

// inMemory are the models serve folds in its main runner: all but the
// search index, which writes and syncs a bleve batch per Apply (tens of
// milliseconds) and so follows the log in a runner of its own, holding no
// other model's read-your-writes back, and the EPCIS model, which hashes
// every event it renders and follows the log in a runner of its own too.
func (m *models) inMemory() []runner.Projection {
	return slices.DeleteFunc(m.all(), func(p runner.Projection) bool {
		return p == runner.Projection(m.search) || p == runner.Projection(m.epcis)
	})
}

// close closes the models that hold files open.
func (m *models) close() error {
	return errors.Join(m.merkle.Close(), m.search.Close(), m.disk.Close())
}

// searchDir is where the search index lives in the data directory.
func searchDir(cfg Config) string { return filepath.Join(cfg.Data, "search") }

// all lists the projections in the order the runner applies them.
func (m *models) all() []runner.Projection {
	return []runner.Projection{m.directory, m.cert, m.history, m.risk, m.analytics, m.decls, m.trace, m.recalls, m.merkle,
		m.complaints, m.withdrawals, m.containers, m.capture, m.subs, m.search, m.epcis}
}

func modelsPath(cfg Config) string { return filepath.Join(cfg.Data, modelsDir) }
