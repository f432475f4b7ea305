package benchmark

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/enginebench"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/event"
)

// PartEngines compares storage engines for the event log on the same
// records in one run: durable appends by 64 writers and a full replay of
// each candidate (see package enginebench), beside today's store and the
// raw SQLite baselines measured in the same run.
const PartEngines = "engines"

// engineWriters is the concurrent appenders of the engine comparison.
const engineWriters = 64

// templateEvents is the size of the generated ledger whose records give
// the bodies the engines append.
const templateEvents = 20_000

// benchEngines measures today's store and every candidate on the bodies of
// a freshly generated ledger.
func benchEngines(ctx context.Context, c Config, dir string, out func(Figure)) error {
	dir = filepath.Join(dir, "engines")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	templates, err := engineTemplates(ctx, c, filepath.Join(dir, "templates"))
	if err != nil {
		return err
	}
	n := c.EngineEvents / engineWriters * engineWriters
	// The disk's floor: one write of a 64-event group and its fsync. The
	// goal of 100,000 appends/s by 64 writers leaves 0.64 ms a group.
	p50, p99, err := enginebench.MeasureFsync(dir, 500, engineWriters*480)
	if err != nil {
		return err
	}
	goal := 1000 * float64(engineWriters) / 100_000
	out(newFigure("engine_fsync_group_p50_ms", ms(p50), "ms", "goal_group_commit_ms", goal))
	out(newFigure("engine_fsync_group_p99_ms", ms(p99), "ms", "goal_group_commit_ms", goal))
	rawInsert, err := sqlite.MeasureRawInsert(ctx, dir, n, 1000, "FULL")
	if err != nil {
		return err
	}
	// Today's store, driven the same way, leaves the table the raw read
	// baseline reads.
	path := filepath.Join(dir, "store.db")
	store, err := sqlite.Open(ctx, path, sqlite.Options{Synchronous: "FULL"})
	if err != nil {
		return err
	}
	cpu := enginebench.ProcessCPU()
	app, err := enginebench.AppendStore(ctx, store, templates, engineWriters, n/engineWriters)
	appCPU := perEvent(enginebench.ProcessCPU()-cpu, n)
	st := store.Stats()
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("engines: today's store: %w", err)
	}
	runtime.GC()
	_, rawRead, err := sqlite.MeasureRawRead(ctx, path)
	if err != nil {
		return err
	}
	ro, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	runtime.GC()
	cpu = enginebench.ProcessCPU()
	_, replay, err := enginebench.ReplayStore(ctx, ro, 4096)
	replayCPU := perEvent(enginebench.ProcessCPU()-cpu, n)
	if cerr := ro.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("engines: today's store replay: %w", err)
	}
	size, err := fileSize(path)
	if err != nil {
		return err
	}
	const insertBase, readBase = "raw_sqlite_batched_insert_events_per_s", "raw_events_table_read_rows_per_s"
	storeBytes := float64(size) / float64(n)
	out(newFigure("engine_store_today_append_64_events_per_s", app.PerSec, "events/s", insertBase, rawInsert))
	out(newFigure("engine_store_today_events_per_group", float64(st.Events)/float64(max(st.Commits, 1)), "events", "writers", engineWriters))
	out(newFigure("engine_store_today_replay_events_per_s", replay, "events/s", readBase, rawRead))
	out(newFigure("engine_store_today_bytes_per_event", storeBytes, "bytes", "engine_store_today_bytes_per_event", storeBytes))
	const appendCPUBase, replayCPUBase = "engine_store_today_append_cpu_us_per_event", "engine_store_today_replay_cpu_us_per_event"
	out(newFigure(appendCPUBase, appCPU, "us", appendCPUBase, appCPU))
	out(newFigure(replayCPUBase, replayCPU, "us", replayCPUBase, replayCPU))
	_ = os.Remove(path)
	cfg := enginebench.Config{Dir: dir, Events: n, Writers: engineWriters, Templates: templates, Only: c.Engines}
	return enginebench.Run(ctx, cfg, func(r enginebench.Result) {
		name := "engine_" + r.Engine + "_"
		out(newFigure(name+"append_64_events_per_s", r.Append.PerSec, "events/s", insertBase, rawInsert))
		out(newFigure(name+"events_per_group", float64(r.Append.Events)/float64(max(r.Append.Groups, 1)), "events", "writers", engineWriters))
		out(newFigure(name+"replay_events_per_s", r.ReplayPerSec, "events/s", readBase, rawRead))
		out(newFigure(name+"bytes_per_event", r.BytesPerEvent, "bytes", "engine_store_today_bytes_per_event", storeBytes))
		out(newFigure(name+"append_cpu_us_per_event", perEvent(r.AppendCPU, 1), "us", appendCPUBase, appCPU))
		out(newFigure(name+"replay_cpu_us_per_event", perEvent(r.ReplayCPU, 1), "us", replayCPUBase, replayCPU))
	})
}

// engineTemplates generates a small ledger and returns its events as
// bodies to append again: the shapes and sizes of a real ledger.
func engineTemplates(ctx context.Context, c Config, dir string) ([]event.Pending, error) {
	path, _, _, err := generated(ctx, c, dir, templateEvents)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ro, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return nil, err
	}
	defer ro.Close()
	var out []event.Pending
	var pos uint64
	for {
		recs, err := ro.ReadAll(ctx, pos, 4096)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			out = append(out, event.Pending{ID: r.ID, Type: r.Type, Data: r.Data, Metadata: r.Metadata})
		}
		if len(recs) < 4096 {
			return out, nil
		}
		pos = recs[len(recs)-1].Position
	}
}

func fileSize(path string) (int64, error) {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		info, err := os.Stat(path + suffix)
		if err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		if err == nil {
			n += info.Size()
		}
	}
	return n, nil
}

// perEvent is d / n in microseconds.
func perEvent(d time.Duration, n int) float64 {
	return float64(d) / float64(time.Microsecond) / float64(max(n, 1))
}
