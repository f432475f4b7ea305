package analytics

import (
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// RecallsTable is the derived table "recalls": one row per recall state,
// appended at recall.started.v1 and again at recall.closed.v1, every column
// repeated so that argMax(column, position) over a recall's rows is its
// state (and ReplacingMergeTree keeps only that row after merges).
//
// It exists because the events table holds one GTIN and lot per row while a
// recall names a list of batches, and because the grade needs the owners of
// those batches as the log knew them when the recall started
// (docs/grading.md, recalls_level_1/2/3 and level_1_recall_of_own_batch).
// Deadlines are kept in nanoseconds beside the DateTime columns: DateTime
// has whole seconds, and "now > complete_by" must be decided as the
// embedded grade decides it.
type RecallsTable struct {
	owners  map[string]string
	recalls map[string][]any
}

// NewRecallsTable returns the table with an empty fold.
func NewRecallsTable() *RecallsTable {
	t := &RecallsTable{}
	t.Reset()
	return t
}

// Name is the table's name in the sink's database.
func (t *RecallsTable) Name() string { return "recalls" }

// Migrations create the table.
func (t *RecallsTable) Migrations() []string {
	return []string{`CREATE TABLE IF NOT EXISTS {db}.recalls (
	position UInt64,
	started_position UInt64,
	recall_id String,
	level Int32,
	initiator String,
	reason String,
	gtins Array(String),
	lots Array(String),
	owners Array(String),
	started_at DateTime,
	complete_by DateTime,
	complete_by_ns Int64,
	has_deadline UInt8,
	closed UInt8,
	closed_at DateTime,
	closed_at_ns Int64
) ENGINE = ReplacingMergeTree(position) ORDER BY recall_id`}
}

// Columns are the insert's columns, in Fold's row order.
func (t *RecallsTable) Columns() []string {
	return []string{"position", "started_position", "recall_id", "level", "initiator", "reason", "gtins", "lots", "owners",
		"started_at", "complete_by", "complete_by_ns", "has_deadline", "closed", "closed_at", "closed_at_ns"}
}

// Reset empties the fold.
func (t *RecallsTable) Reset() {
	t.owners, t.recalls = map[string]string{}, map[string][]any{}
}

// Fold remembers batch owners and answers a row when a recall starts or
// closes (a repeated close moves closed_at, as in the grade's fold).
func (t *RecallsTable) Fold(env runner.Envelope) [][]any {
	at := env.Metadata.OccurredAt.UTC()
	switch ev := env.Event.(type) {
	case batch.Registered:
		t.owners[batchKey(ev.GTIN, ev.Lot)] = ev.OwnerUSCC
	case recall.Started:
		row := t.started(env.Position, at, ev)
		t.recalls[ev.RecallID] = row
		return [][]any{slices.Clone(row)}
	case recall.Closed:
		row, ok := t.recalls[ev.RecallID]
		if !ok {
			return nil
		}
		row[0], row[13], row[14], row[15] = env.Position, uint8(1), dateTime(at), unixNano(at)
		return [][]any{slices.Clone(row)}
	}
	return nil
}

func (t *RecallsTable) started(pos uint64, at time.Time, ev recall.Started) []any {
	gtins, lots, owners := []string{}, []string{}, []string{}
	for _, k := range ev.Batches {
		gtins, lots = append(gtins, k.GTIN), append(lots, k.Lot)
		if o := t.owners[batchKey(k.GTIN, k.Lot)]; o != "" && !slices.Contains(owners, o) {
			owners = append(owners, o)
		}
	}
	slices.Sort(owners)
	deadline, hasDeadline := deadlineOf(ev.CompleteBy)
	var deadlineNs int64
	if hasDeadline == 1 {
		deadlineNs = unixNano(deadline)
	}
	return []any{pos, pos, ev.RecallID, int32(ev.Level), ev.InitiatedByUSCC, ev.Reason, gtins, lots, owners,
		dateTime(at), dateTime(deadline), deadlineNs, hasDeadline, uint8(0), dateTime(time.Time{}), int64(0)}
}

// dateTime fits t into ClickHouse's DateTime (whole seconds from 1970 to
// 2105); the exact instants the grade compares are in the _ns columns.
func dateTime(t time.Time) time.Time {
	lo, hi := time.Unix(0, 0).UTC(), time.Unix(1<<32-1, 0).UTC()
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t.UTC().Truncate(time.Second)
}

// deadlineOf parses complete_by as the grade does (RFC 3339); a deadline
// that does not parse (or is Go's zero time) is unknown and never missed.
func deadlineOf(s string) (time.Time, uint8) {
	d, err := time.Parse(time.RFC3339, s)
	if err != nil || d.IsZero() {
		return time.Time{}, 0
	}
	return d.UTC(), 1
}
