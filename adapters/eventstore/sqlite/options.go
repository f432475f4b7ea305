package sqlite

import (
	"fmt"
	"strings"
)

// Options tune a writable store. The zero value is the durable default.
type Options struct {
	// Synchronous is "FULL" (the default: every acknowledged append survives a
	// power cut) or "NORMAL" (a commit survives a crash of the process but the
	// last commits may be lost to a power cut; much faster on slow disks).
	Synchronous string
	// MaxBatch bounds the events one group commit takes from the queue
	// (default 4096). A single append larger than that is still one group.
	MaxBatch int
	// ReadConns is the size of the read-only connection pool (default 4).
	ReadConns int
	// StreamCache bounds how many stream versions the writer keeps in memory
	// (default 1<<20); past it the cache starts over and reloads lazily.
	StreamCache int

	// gate, in tests, holds the writer before each group until it receives,
	// so a test can queue requests and have them committed as one group.
	gate <-chan struct{}
}

func (o Options) withDefaults() (Options, error) {
	var err error
	if o.Synchronous, err = checkSynchronous(o.Synchronous); err != nil {
		return o, err
	}
	if o.MaxBatch < 0 || o.ReadConns < 0 || o.StreamCache < 0 {
		return o, fmt.Errorf("options: MaxBatch %d, ReadConns %d, StreamCache %d must not be negative", o.MaxBatch, o.ReadConns, o.StreamCache)
	}
	if o.MaxBatch == 0 {
		o.MaxBatch = 4096
	}
	if o.ReadConns == 0 {
		o.ReadConns = 4
	}
	if o.StreamCache == 0 {
		o.StreamCache = 1 << 20
	}
	return o, nil
}

// checkSynchronous accepts FULL (also for "") and NORMAL, in any case.
func checkSynchronous(s string) (string, error) {
	switch strings.ToUpper(s) {
	case "", "FULL":
		return "FULL", nil
	case "NORMAL":
		return "NORMAL", nil
	}
	return "", fmt.Errorf("synchronous %q: want FULL or NORMAL", s)
}
