package analytics_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
)

// firstMigration is a table as an older build described it: its first
// migration only.
type firstMigration struct{ clickhouse.Table }

func (t firstMigration) Migrations() []string { return t.Table.Migrations()[:1] }

// Rows an older fold wrote (disposed units still in the holder's stock) are
// emptied by the migration that came with the new rules, so the sink folds
// the log into the table again from position 1.
func TestRowsOfTheFoldBeforeDisposalsLeftStockAreFoldedAgain(t *testing.T) {
	srv := chtest.Start(t)
	ctx := t.Context()
	conn, err := clickhouse.Open(ctx, srv.DSN)
	if err != nil {
		t.Fatalf("clickhouse open: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	folded := []clickhouse.Table{chanalytics.NewRecallHoldersTable(), chanalytics.NewProductOutstandingTable()}
	var old []clickhouse.Table
	for _, tb := range folded {
		old = append(old, firstMigration{tb})
	}
	if err := clickhouse.Migrate(ctx, conn, old...); err != nil {
		t.Fatal(err)
	}
	for _, stale := range []struct {
		insert string
		row    []any
	}{
		{"INSERT INTO {db}.recall_holders (position, recall_id, holder, outstanding) VALUES", []any{uint64(41), "R3", shop, int64(5)}},
		{"INSERT INTO {db}.product_outstanding (position, gtin, outstanding) VALUES", []any{uint64(41), g2, int64(78)}},
	} {
		b, err := conn.Native().PrepareBatch(ctx, conn.SQL(stale.insert))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Append(stale.row...); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(); err != nil {
			t.Fatal(err)
		}
	}
	if err := clickhouse.Migrate(ctx, conn, folded...); err != nil {
		t.Fatal(err)
	}
	for _, tb := range folded {
		var n uint64
		if err := conn.QueryRow(ctx, "SELECT count() FROM {db}."+tb.Name()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s keeps %d rows of the old fold, want none (folded again from position 1)", tb.Name(), n)
		}
	}
}
