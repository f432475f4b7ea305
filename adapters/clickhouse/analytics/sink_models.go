package analytics

import (
	"context"

	"github.com/traceledger/traceledger/adapters/clickhouse"
)

// SinkModels is what a dashboard route answering from ClickHouse waits for
// and reports (httpapi.ReadModels): the log position every table of the
// sink is complete through, so that ?min_position= reads a client's own
// writes from ClickHouse as it does from the embedded models.
type SinkModels struct{ Sink *clickhouse.Sink }

// WaitFor blocks until every table holds the log through pos.
func (m SinkModels) WaitFor(ctx context.Context, pos uint64) error { return m.Sink.WaitFor(ctx, pos) }

// Position is the lowest position the tables are complete through: the
// grade reads them all.
func (m SinkModels) Position() uint64 {
	sts := m.Sink.Statuses()
	if len(sts) == 0 {
		return 0
	}
	low := sts[0].Position
	for _, st := range sts[1:] {
		low = min(low, st.Position)
	}
	return low
}
