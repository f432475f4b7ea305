package enginebench

import (
	"context"

	"github.com/traceledger/traceledger/domain/event"
)

// engine is one candidate's storage: it writes committed groups and reads
// them back. Calls to commit come from one goroutine, in position order.
type engine interface {
	// commit writes g and makes it durable (one fsync) before returning.
	// It refuses the whole group, writing nothing, if an event id of it is
	// already stored.
	commit(ctx context.Context, g *group) error
	// replay calls fn with every record in position order, a page at a time.
	replay(ctx context.Context, fn func([]event.Record) error) error
	close() error
}

// group is one commit: records numbered, timed and chained by the front
// end, with what each row needs beside them.
type group struct {
	recs  []event.Record
	texts []rowText             // text forms made by the appenders
	prev  []uint64              // the position of each record's stream's previous event, 0 for none
	heads map[string]streamHead // the streams the group moved, after it
	// recorded is the group's recorded time in text.
	recorded string
}

// rowText is what an appender prepares for the row of its event, so the
// committer does not: the text forms of the id and occurred time.
type rowText struct {
	id, occurred string
}

// streamHead is a stream's version and the position of its last event.
type streamHead struct {
	version, last uint64
}

// candidate names an engine and opens a fresh one in dir.
type candidate struct {
	name string
	open func(ctx context.Context, dir string) (engine, error)
}

// candidates are the engines compared, today's first.
func candidates() []candidate {
	out := []candidate{{"sqlite-modernc", openModernc}}
	if mattnCandidate != nil {
		out = append(out, *mattnCandidate)
	}
	return append(out,
		candidate{"sqlite-ncruces", openNcruces},
		candidate{"pebble", openPebble},
		candidate{"segment", openSegment})
}
