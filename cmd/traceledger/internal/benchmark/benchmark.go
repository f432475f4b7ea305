// Package benchmark measures the ledger's speed, each figure beside a
// baseline measured in the same run: the event store's appends, the read
// models' replay, HTTP queries and traces, the Merkle tree and, with a
// ClickHouse server, the sink and the dashboards. `traceledger bench` is
// its command; the process wiring (the server, the read models) is passed
// in, so this package measures what serve runs without building it.
package benchmark

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/traceledger/traceledger/adapters/eventstore/enginebench"
	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/projections/runner"
)

// The parts a run may measure.
const (
	PartAppend = "append"
	PartRead   = "read"
	PartMerkle = "merkle"
	PartSearch = "search"
	PartEPCIS  = "epcis"
)

// MinEvents is the fewest events an append measurement may use.
const MinEvents = 64

// Config is one benchmark run.
type Config struct {
	// Parts are the parts to measure (PartAppend, PartRead, PartMerkle,
	// PartSearch).
	Parts map[string]bool
	// Events is the events appended by each store measurement.
	Events int
	// Items is the labelled items of the demo data set the read figures
	// run on.
	Items int
	// Synchronous is the SQLite synchronous setting of the measured
	// stores: FULL (durable) or NORMAL.
	Synchronous string
	// ClickHouseDSN, when set, adds the sink and dashboard query figures.
	ClickHouseDSN string
	// Serve runs the ledger's server on the data directory dir until ctx
	// ends, telling ready its address once it listens. The read figures
	// need it.
	Serve func(ctx context.Context, dir string, ready func(addr string)) error
	// ReadModels builds a fresh set of the read models serve keeps, in
	// memory. The read figures need it; those that are io.Closers are
	// closed after the replay.
	ReadModels func() ([]runner.Projection, error)
	// ReadModelsIn builds the same models with their files in dir, as
	// serve keeps them (the large ones on disk); close releases them.
	// The scale figures need it.
	ReadModelsIn func(dir string) (models []runner.Projection, close func() error, err error)
	// AllModels builds every read model replay rebuilds (the search index
	// and the EPCIS model too), in memory; when set, the read figures
	// include their full replay. Those that are io.Closers are closed.
	AllModels func() ([]runner.Projection, error)
	// LedgerFile is the event store's file name in a data directory, as
	// Serve opens it.
	LedgerFile string
	// Generate writes a large synthetic ledger of about events events into
	// the empty data directory dir (traceledger generate). The generate and
	// scale figures need it.
	Generate func(ctx context.Context, dir string, events int) (Generated, error)
	// GenerateEvents is the size of the generate figure's ledger.
	GenerateEvents int
	// ScaleEvents is the size of the scale figures' ledger.
	ScaleEvents int
	// ScaleData, when set, is a data directory holding a ledger already
	// generated: the scale figures measure it instead of generating one
	// (and serve writes its snapshots there).
	ScaleData string
	// ScaleNoServe leaves out serve's start-up figures.
	ScaleNoServe bool
	// EngineEvents is the events each engine of the engine comparison
	// appends and replays.
	EngineEvents int
	// Engines, when not empty, names the engines compared (default all).
	Engines map[string]bool
	// ChReadsEvents is the size of the read side figures' ledger; ChReadsData,
	// when set, a data directory holding a generated ledger to measure
	// instead (its ClickHouse database, "<db>_chreads", is then kept, so a
	// second run does not insert again).
	ChReadsEvents int
	ChReadsData   string
	// ServeProcess, when set, is serve on the data directory dir listening
	// on addr, as a child process: the scale figures time its start and
	// read its memory from /proc.
	ServeProcess func(dir, addr string) *exec.Cmd
	// Token, when set, makes a regulator's token for the data directory
	// dir: the scale figures then time reads on the restarted server.
	Token func(ctx context.Context, dir string) (string, error)
}

// Validate names every problem of the run.
func (c Config) Validate() error {
	var errs []error
	for part := range c.Parts {
		switch part {
		case PartAppend, PartRead, PartMerkle, PartSearch, PartEPCIS, PartCapture, PartGenerate, PartScale, PartDashboard, PartEngines, PartChReads:
		default:
			errs = append(errs, fmt.Errorf("benchmark: unknown part %q (want %s, %s, %s, %s, %s, %s, %s, %s, %s, %s or %s)", part, PartAppend, PartRead, PartMerkle, PartSearch, PartEPCIS, PartCapture, PartGenerate, PartScale, PartDashboard, PartEngines, PartChReads))
		}
	}
	if c.Events < MinEvents {
		errs = append(errs, fmt.Errorf("benchmark: Events must be at least %d", MinEvents))
	}
	if c.Parts[PartSearch] && (c.Items <= 0 || c.LedgerFile == "") {
		errs = append(errs, errors.New("benchmark: the search figures need Items and LedgerFile"))
	}
	if c.Parts[PartEPCIS] && (c.Items <= 0 || c.LedgerFile == "") {
		errs = append(errs, errors.New("benchmark: the EPCIS figures need Items and LedgerFile"))
	}
	if c.Parts[PartEngines] && (c.Generate == nil || c.EngineEvents < engineWriters || c.LedgerFile == "") {
		errs = append(errs, fmt.Errorf("benchmark: the engine figures need Generate, LedgerFile and EngineEvents of at least %d", engineWriters))
	}
	for name := range c.Engines {
		if !slices.Contains(enginebench.Names(), name) {
			errs = append(errs, fmt.Errorf("benchmark: unknown engine %q (want one of %v)", name, enginebench.Names()))
		}
	}
	if c.Parts[PartGenerate] && (c.Generate == nil || c.GenerateEvents <= 0 || c.LedgerFile == "") {
		errs = append(errs, errors.New("benchmark: the generate figures need Generate, GenerateEvents and LedgerFile"))
	}
	if c.Parts[PartScale] && ((c.Generate == nil && c.ScaleData == "") || c.ScaleEvents <= 0 || c.LedgerFile == "" || c.ReadModelsIn == nil) {
		errs = append(errs, errors.New("benchmark: the scale figures need Generate, ScaleEvents, LedgerFile and ReadModels"))
	}
	if c.Parts[PartChReads] && (c.ClickHouseDSN == "" || (c.Generate == nil && c.ChReadsData == "") || c.ChReadsEvents <= 0 || c.LedgerFile == "") {
		errs = append(errs, errors.New("benchmark: the read side figures need a ClickHouse DSN, Generate (or ChReadsData), ChReadsEvents and LedgerFile"))
	}
	if c.Parts[PartRead] {
		if c.Items <= 0 {
			errs = append(errs, errors.New("benchmark: Items must be positive for the read figures"))
		}
		if c.Serve == nil || c.ReadModels == nil || c.LedgerFile == "" {
			errs = append(errs, errors.New("benchmark: the read figures need Serve, ReadModels and LedgerFile"))
		}
	}
	return errors.Join(errs...)
}

// Run measures the configured parts on scratch stores in a temporary
// directory (never a data directory) and hands each figure to out as soon
// as it is measured.
func Run(ctx context.Context, c Config, out func(Figure)) error {
	if err := c.Validate(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "traceledger-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if c.Parts[PartAppend] {
		if err := benchAppend(ctx, dir, c.Events, c.Synchronous, out); err != nil {
			return err
		}
	}
	if c.Parts[PartRead] {
		if err := benchRead(ctx, c, filepath.Join(dir, "read"), out); err != nil {
			return err
		}
	}
	if c.Parts[PartMerkle] {
		if err := benchMerkle(ctx, out); err != nil {
			return err
		}
	}
	if c.Parts[PartSearch] {
		// On the demo the read figures seeded, or a new one.
		if err := benchSearch(ctx, c, filepath.Join(dir, "read"), out); err != nil {
			return err
		}
	}
	if c.Parts[PartEPCIS] {
		// On the demo another part seeded, or a new one.
		if err := benchEPCIS(ctx, c, filepath.Join(dir, "read"), out); err != nil {
			return err
		}
	}
	if c.Parts[PartCapture] {
		if err := benchCapture(ctx, dir, c.Synchronous, out); err != nil {
			return err
		}
	}
	if c.Parts[PartGenerate] {
		if err := benchGenerate(ctx, c, dir, out); err != nil {
			return err
		}
	}
	if c.Parts[PartScale] {
		if err := benchScale(ctx, c, dir, out); err != nil {
			return err
		}
	}
	if c.Parts[PartEngines] {
		if err := benchEngines(ctx, c, dir, out); err != nil {
			return err
		}
	}
	if c.Parts[PartDashboard] {
		if err := benchDashboard(ctx, out); err != nil {
			return err
		}
	}
	if c.Parts[PartChReads] {
		if err := benchChReads(ctx, c, dir, out); err != nil {
			return err
		}
	}
	// The sink and dashboard figures come with any part but the read side's
	// alone, which needs the DSN for its own.
	if c.ClickHouseDSN != "" && !(len(c.Parts) == 1 && c.Parts[PartChReads]) {
		return benchClickHouse(ctx, c.ClickHouseDSN, out)
	}
	return nil
}

// benchAppend measures durable appends by one writer and by 64 concurrent
// writers, one event per append, beside raw batched INSERTs of the same rows
// into an identical table with the same pragmas.
func benchAppend(ctx context.Context, dir string, events int, sync string, out func(Figure)) error {
	raw, err := sqlite.MeasureRawInsert(ctx, dir, events, 1000, sync)
	if err != nil {
		return err
	}
	const baseline = "raw_sqlite_batched_insert_events_per_s"
	for _, writers := range []int{1, 64} {
		n := events / writers
		if writers == 1 {
			n = min(events, 5_000) // one fsync per append: keep the run short
		}
		store, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("append-%d.db", writers)), sqlite.Options{Synchronous: sync})
		if err != nil {
			return err
		}
		res, err := loadgen.Append(ctx, store, writers, n)
		if cerr := store.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		out(newFigure(fmt.Sprintf("append_%d_events_per_s", writers), res.PerSec, "events/s", baseline, raw))
	}
	return nil
}
