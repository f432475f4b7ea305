package main

import (
	"runtime/debug"
)

// Collector settings for a process whose large state lives off the Go heap
// (the model store's block cache and memtables, SQLite's pages): the heap
// may grow to four times what is live before a collection, under a soft
// limit that keeps it inside a node's budget. Folding a large log spends
// a quarter less CPU than with Go's defaults (measured in capacity.md).
const (
	gcPercent   = 300
	memoryLimit = 1 << 30
)

// tuneCollector applies the settings above unless the operator chose
// their own with Go's GOGC or GOMEMLIMIT.
func tuneCollector(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
