// Package readside answers histories, traces and recall lists from
// ClickHouse, so that a replica serving them keeps no per-event state in
// memory: the sink writes one index table (IndexTable) from the same folds
// the embedded models run (projections/history's Tracker, which says what
// each event adds to which history), and a query reads the positions it
// needs there and the events themselves from the event store, as the
// embedded histories do. A trace or a recall list is the embedded fold
// (projections/trace, projections/recalllist) run at query time over the
// events of the batches and the recall asked for, found through the index:
// one home for every rule, and answers equal to the embedded ones
// (readside_test.go holds them equal on the demo and a generated ledger).
package readside

import (
	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
)

// TableName is the index table's name.
const TableName = "readside_index"

// Row kinds of the index. A history's rows carry the history.Kind; a
// holder's 10 more; the rest are below.
const (
	kindEvent       = 0 // one row per event: the table's checkpoint is exact
	kindEnterprise  = uint8(history.KindEnterprise)
	kindProduct     = uint8(history.KindProduct)
	kindBatch       = uint8(history.KindBatch)
	kindItem        = uint8(history.KindItem)
	holderOf        = 10
	kindLabelled    = 20 // an item labelled: key GTIN NUL serial, lot its lot
	kindTransformed = 30 // a transformation naming the batch (key) as input or output
	kindRecall      = 31 // an event of a recall list (key the recall id)
)

// IndexTable is the table readside_index: for every event, the keys whose
// history it joins (enterprise USCC; product GTIN; batch GTIN+lot, wide when
// it concerns every unit; item GTIN NUL serial with its lot), the holders it
// adds, the items it labels, the batches a transformation links and the
// recall whose list it changes, each a row with the event's position and
// when it occurred (Unix milliseconds, for the histories' from/to). Sorted
// by (kind, key, position): a history's page is one range of the primary
// key; granules of 1,024 rows rather than 8,192, because most reads are
// of one key's few rows.
type IndexTable struct {
	tracker *history.Tracker
}

// NewIndexTable returns the table with an empty fold, whose history fold
// keeps its state in m (a key range of its own: the fold runs from position
// 1 after every start, Reset emptying it first).
func NewIndexTable(m *modelstore.Model) (*IndexTable, error) {
	tr, err := history.NewTracker(m)
	if err != nil {
		return nil, err
	}
	return &IndexTable{tracker: tr}, nil
}

var _ clickhouse.FailingTable = (*IndexTable)(nil)

// Err is the history fold's failure, if its store failed.
func (t *IndexTable) Err() error { return t.tracker.Err() }

// Name is the table's name in the sink's database.
func (t *IndexTable) Name() string { return TableName }

// Migrations create the table.
func (t *IndexTable) Migrations() []string {
	return []string{`CREATE TABLE IF NOT EXISTS {db}.readside_index (
	kind UInt8,
	key String,
	lot String,
	holder String,
	wide UInt8,
	position UInt64,
	occurred_ms Int64
) ENGINE = MergeTree() ORDER BY (kind, key, position) SETTINGS index_granularity = 1024`}
}

// Columns are the insert's columns, in Fold's row order.
func (t *IndexTable) Columns() []string {
	return []string{"kind", "key", "lot", "holder", "wide", "position", "occurred_ms"}
}

// Reset empties the fold.
func (t *IndexTable) Reset() { t.tracker.Reset() }

// Fold answers env's rows: the history tracker's touches, a
// transformation's batches, a recall's event, and the event's own row.
func (t *IndexTable) Fold(env runner.Envelope) [][]any {
	pos, ms := env.Position, env.Metadata.OccurredAt.UnixMilli()
	row := func(kind uint8, key, lot, holder string, wide bool) []any {
		var w uint8
		if wide {
			w = 1
		}
		return []any{kind, key, lot, holder, w, pos, ms}
	}
	rows := [][]any{row(kindEvent, "", "", "", false)}
	for _, x := range t.tracker.Apply(&env) {
		kind := uint8(x.Kind)
		key, lot := touchKey(x)
		switch {
		case x.Labelled:
			kind = kindLabelled
		case x.Holder != "":
			kind += holderOf
		}
		rows = append(rows, row(kind, key, lot, x.Holder, x.Wide))
	}
	if ev, ok := env.Event.(transformation.Recorded); ok {
		for _, in := range ev.Inputs {
			rows = append(rows, row(kindTransformed, batchKey(in.GTIN, in.Lot), "", "", false))
		}
		for _, out := range ev.Outputs {
			rows = append(rows, row(kindTransformed, batchKey(out.GTIN, out.Lot), "", "", false))
		}
	}
	if id := recalllist.RecallOf(env.Event); id != "" {
		rows = append(rows, row(kindRecall, id, "", "", false))
	}
	return rows
}

// touchKey is a touch's key and lot columns.
func touchKey(x history.Touch) (key, lot string) {
	switch x.Kind {
	case history.KindEnterprise:
		return x.USCC, ""
	case history.KindProduct:
		return x.GTIN, ""
	case history.KindBatch:
		return batchKey(x.GTIN, x.Lot), ""
	default:
		return itemKey(x.GTIN, x.Serial), x.Lot
	}
}

// batchKey is a batch's key: the GTIN-14's fixed width makes it
// unambiguous, as in the embedded history.
func batchKey(gtin, lot string) string { return gtin + lot }

// itemKey is the key of a GTIN's serial, whatever its lot (a code without a
// lot finds its lots there); the lot is a column of its own.
func itemKey(gtin, serial string) string { return gtin + "\x00" + serial }
