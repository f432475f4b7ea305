// Package capturejob keeps the EPCIS capture jobs that appended nothing to
// the ledger (a refused document, or one whose every event was captured
// before), so that their answers survive a restart too: a job that appended
// is recorded in the log itself, with its events. Jobs are JSON lines in one
// file, each fsynced before the capture answers; the newest are read back
// at start.
package capturejob

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/traceledger/traceledger/app/query"
)

// MaxJobs is how many jobs are kept in memory (the newest); older ones stay
// in the file until it is rotated.
const MaxJobs = 10_000

// maxLine bounds one job's line: a refused document of MaxEvents events,
// each with its faults.
const maxLine = 64 << 20

// Book is the file of jobs and the newest of them in memory.
type Book struct {
	mu    sync.Mutex
	f     *os.File
	jobs  map[string]query.CaptureJob
	order []string
}

// Open reads the jobs of path (created when missing) and keeps it open to
// append.
func Open(path string) (*Book, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open capture jobs %s: %w", path, err)
	}
	b := &Book{f: f, jobs: map[string]query.CaptureJob{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		var j query.CaptureJob
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
			continue // a line torn by a crash: its job never answered
		}
		b.keep(j)
	}
	if err := sc.Err(); err != nil {
		return nil, errors.Join(fmt.Errorf("read capture jobs %s: %w", path, err), f.Close())
	}
	return b, nil
}

func (b *Book) keep(j query.CaptureJob) {
	if _, ok := b.jobs[j.CaptureID]; !ok {
		b.order = append(b.order, j.CaptureID)
	}
	b.jobs[j.CaptureID] = j
	if len(b.order) > MaxJobs {
		delete(b.jobs, b.order[0])
		b.order = b.order[1:]
	}
}

// Put records a job durably.
func (b *Book) Put(_ context.Context, j query.CaptureJob) error {
	line, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("encode capture job %s: %w", j.CaptureID, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, err := b.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("write capture job %s: %w", j.CaptureID, err)
	}
	if err := b.f.Sync(); err != nil {
		return fmt.Errorf("sync capture job %s: %w", j.CaptureID, err)
	}
	b.keep(j)
	return nil
}

// Get answers a job by id.
func (b *Book) Get(_ context.Context, id string) (query.CaptureJob, bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	j, ok := b.jobs[id]
	return j, ok, nil
}

// Close closes the file.
func (b *Book) Close() error { return b.f.Close() }

// Jobs lists the jobs kept in memory (the newest MaxJobs), oldest first:
// the unrecorded capture list (query.UnrecordedJobs) reads them.
func (b *Book) Jobs() []query.CaptureJob {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]query.CaptureJob, 0, len(b.order))
	for _, id := range b.order {
		out = append(out, b.jobs[id])
	}
	return out
}
