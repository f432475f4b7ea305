package enginebench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// Config is one comparison run.
type Config struct {
	// Dir is a scratch directory; each candidate gets a directory in it,
	// removed after its measurement.
	Dir string
	// Events is how many events each candidate appends (rounded down to a
	// multiple of Writers) and then replays.
	Events int
	// Writers is how many appenders run at once, one event per append.
	Writers int
	// Templates are the bodies appended, in turn (type, data, metadata;
	// each append gets a fresh id): the shapes of a real ledger.
	Templates []event.Pending
	// Only, when not empty, names the candidates to measure.
	Only map[string]bool
}

// Result is one candidate's figures.
type Result struct {
	Engine string
	Append AppendResult
	// ReplayPerSec is records read and decoded per second of a full replay.
	ReplayPerSec float64
	// AppendCPU and ReplayCPU are the process's CPU time per event in
	// each (the committer's, the appenders', the engine's background work).
	AppendCPU, ReplayCPU time.Duration
	// BytesPerEvent is the candidate's files on disk after the appends,
	// divided by the events.
	BytesPerEvent float64
}

// Names lists the candidates in the order Run measures them.
func Names() []string {
	var out []string
	for _, c := range candidates() {
		out = append(out, c.name)
	}
	return out
}

// Run measures every candidate in turn and hands each result to out as
// soon as it is measured.
func Run(ctx context.Context, c Config, out func(Result)) error {
	if c.Writers <= 0 || c.Events < c.Writers || len(c.Templates) == 0 {
		return fmt.Errorf("engines: want Writers > 0, Events >= Writers and templates (got %d, %d, %d)", c.Writers, c.Events, len(c.Templates))
	}
	for _, cand := range candidates() {
		if len(c.Only) > 0 && !c.Only[cand.name] {
			continue
		}
		res, err := measure(ctx, c, cand)
		if err != nil {
			return fmt.Errorf("engines: %s: %w", cand.name, err)
		}
		out(res)
	}
	return nil
}

func measure(ctx context.Context, c Config, cand candidate) (res Result, err error) {
	dir := filepath.Join(c.Dir, cand.name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	eng, err := cand.open(ctx, dir)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, eng.close()) }()
	res.Engine = cand.name
	cpu := ProcessCPU()
	if res.Append, err = measureAppend(ctx, eng, c.Templates, c.Writers, c.Events/c.Writers); err != nil {
		return res, err
	}
	n := time.Duration(res.Append.Events)
	res.AppendCPU = (ProcessCPU() - cpu) / n
	runtime.GC() // every replay starts from the same heap, not the appends' garbage
	cpu = ProcessCPU()
	if res.ReplayPerSec, err = measureReplay(ctx, eng, uint64(res.Append.Events)); err != nil {
		return res, err
	}
	res.ReplayCPU = (ProcessCPU() - cpu) / n
	size, err := dirSize(dir)
	res.BytesPerEvent = float64(size) / float64(res.Append.Events)
	return res, err
}

// measureReplay reads the whole log and checks it is every position from 1
// to want, in order.
func measureReplay(ctx context.Context, eng engine, want uint64) (float64, error) {
	var next uint64 = 1
	start := time.Now()
	err := eng.replay(ctx, func(recs []event.Record) error {
		for i := range recs {
			if recs[i].Position != next {
				return fmt.Errorf("replay: position %d where %d was due", recs[i].Position, next)
			}
			next++
		}
		return nil
	})
	el := time.Since(start)
	if err != nil {
		return 0, err
	}
	if next-1 != want {
		return 0, fmt.Errorf("replay: read %d records, want %d", next-1, want)
	}
	return float64(want) / el.Seconds(), nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	return n, err
}
