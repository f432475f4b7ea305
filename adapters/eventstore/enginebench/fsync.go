package enginebench

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// MeasureFsync writes size bytes and syncs them, n times, at the end of a
// scratch file in dir, and returns the median and 99th percentile time of
// one write+fsync: the floor under every durable group commit on this disk.
// With w closed-loop writers a group holds at most w events, so durable
// appends cannot pass w / median per second, whatever the engine.
func MeasureFsync(dir string, n, size int) (p50, p99 time.Duration, err error) {
	if n <= 0 || size <= 0 {
		return 0, 0, fmt.Errorf("fsync: n %d and size %d must be positive", n, size)
	}
	path := filepath.Join(dir, "fsync.probe")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, 0, fmt.Errorf("fsync: %w", err)
	}
	defer os.Remove(path)
	defer f.Close()
	buf := make([]byte, size)
	took := make([]time.Duration, n)
	for i := range took {
		start := time.Now()
		if _, err := f.Write(buf); err != nil {
			return 0, 0, fmt.Errorf("fsync: %w", err)
		}
		if err := f.Sync(); err != nil {
			return 0, 0, fmt.Errorf("fsync: %w", err)
		}
		took[i] = time.Since(start)
	}
	slices.Sort(took)
	return took[n/2], took[n*99/100], nil
}
