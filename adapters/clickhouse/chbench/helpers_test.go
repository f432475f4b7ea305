package chbench

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse"
)

func open(t *testing.T, dsn string) *clickhouse.Conn {
	t.Helper()
	c, err := clickhouse.Open(t.Context(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
