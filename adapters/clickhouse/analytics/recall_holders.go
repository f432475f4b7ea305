package analytics

import (
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// RecallHoldersTable is the derived table "recall_holders": the affected
// holders of each recall (docs/grading.md, "Recall deadlines"), one row
// whenever a holder's state changes, that is when it becomes affected, when
// its outstanding units over the recall's batches change, when they reach
// zero (accounted_at is set) and when it holds units again (accounted_at is
// cleared). argMax(column, position) per (recall_id, holder) is the state.
//
// SQL cannot derive this from the events table without window functions:
// which holder holds how many units at each event is a fold over every goods
// event in log order.
type RecallHoldersTable struct {
	units   *units
	recalls map[string]*recallHolders
}

// recallHolders is the fold's view of one recall.
type recallHolders struct {
	batches    []string
	completeBy time.Time
	closed     bool
	holders    map[string]*holderState
}

// holderState is an affected holder: its outstanding units when last
// written and whether and when it accounted for them.
type holderState struct {
	outstanding int64
	accounted   bool
	accountedNs int64
}

// NewRecallHoldersTable returns the table with an empty fold.
func NewRecallHoldersTable() *RecallHoldersTable {
	t := &RecallHoldersTable{}
	t.Reset()
	return t
}

// Name is the table's name in the sink's database.
func (t *RecallHoldersTable) Name() string { return "recall_holders" }

// Migrations create the table. A change of the fold's rules empties it with
// a new migration, so the sink folds the log into it again from position 1
// (its checkpoint is the highest position it holds): #2 when disposals of
// withdrawn units began to take them out of the holder's stock.
func (t *RecallHoldersTable) Migrations() []string {
	return []string{`CREATE TABLE IF NOT EXISTS {db}.recall_holders (
	position UInt64,
	recall_id String,
	holder String,
	complete_by DateTime,
	outstanding Int64,
	accounted UInt8,
	accounted_at DateTime,
	accounted_at_ns Int64
) ENGINE = ReplacingMergeTree(position) ORDER BY (recall_id, holder)`,
		`TRUNCATE TABLE IF EXISTS {db}.recall_holders`}
}

// Columns are the insert's columns, in Fold's row order.
func (t *RecallHoldersTable) Columns() []string {
	return []string{"position", "recall_id", "holder", "complete_by", "outstanding", "accounted", "accounted_at", "accounted_at_ns"}
}

// Reset empties the fold.
func (t *RecallHoldersTable) Reset() {
	t.units, t.recalls = newUnits(), map[string]*recallHolders{}
}

// Fold follows units and recalls and answers a row per holder whose state
// changed.
func (t *RecallHoldersTable) Fold(env runner.Envelope) [][]any {
	at := env.Metadata.OccurredAt.UTC()
	switch ev := env.Event.(type) {
	case recall.Started:
		return t.started(env.Position, at, ev)
	case recall.Closed:
		if r := t.recalls[ev.RecallID]; r != nil {
			r.closed = true
		}
		return nil
	}
	m, ok := t.units.apply(env.Event)
	if !ok || len(m.lot.recalls) == 0 || len(m.touched) == 0 {
		return nil
	}
	var rows [][]any
	for _, id := range m.lot.recalls {
		if r := t.recalls[id]; r != nil && !r.closed {
			rows = append(rows, t.settle(env.Position, at, id, r, m.touched)...)
		}
	}
	return rows
}

// started names the recall on its batches and settles every holder of them:
// those with units outstanding become affected.
func (t *RecallHoldersTable) started(pos uint64, at time.Time, ev recall.Started) [][]any {
	completeBy, _ := deadlineOf(ev.CompleteBy)
	r := &recallHolders{completeBy: completeBy, holders: map[string]*holderState{}}
	t.recalls[ev.RecallID] = r
	var holders []string
	for _, k := range ev.Batches {
		b := t.units.lot(k.GTIN, k.Lot)
		b.named(ev.RecallID)
		r.batches = append(r.batches, batchKey(k.GTIN, k.Lot))
	}
	for _, key := range r.batches {
		for u := range t.units.batches[key].holders {
			if !slices.Contains(holders, u) {
				holders = append(holders, u)
			}
		}
	}
	slices.Sort(holders)
	return t.settle(pos, at, ev.RecallID, r, holders)
}

// settle applies docs/grading.md's three rules to each holder, with T its
// outstanding units over the recall's batches: T > 0 makes it affected (or
// affected again, accounted_at cleared); T = 0 for an affected holder not
// yet accounted sets accounted_at to now.
func (t *RecallHoldersTable) settle(pos uint64, at time.Time, id string, r *recallHolders, holders []string) [][]any {
	var rows [][]any
	for _, u := range holders {
		out := t.units.outstandingAt(u, r.batches)
		h := r.holders[u]
		switch {
		case out > 0 && h == nil:
			h = &holderState{outstanding: out}
			r.holders[u] = h
		case h == nil:
			continue
		case out > 0:
			if h.outstanding == out && !h.accounted {
				continue
			}
			h.outstanding, h.accounted, h.accountedNs = out, false, 0
		case !h.accounted:
			h.outstanding, h.accounted, h.accountedNs = out, true, unixNano(at)
		default:
			if h.outstanding == out {
				continue
			}
			h.outstanding = out
		}
		accounted, accountedAt := uint8(0), time.Time{}
		if h.accounted {
			accounted, accountedAt = 1, time.Unix(0, h.accountedNs).UTC()
		}
		rows = append(rows, []any{pos, id, u, dateTime(r.completeBy), out, accounted, dateTime(accountedAt), h.accountedNs})
	}
	return rows
}
