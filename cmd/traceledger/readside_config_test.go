package main

import (
	"strings"
	"testing"
)

func TestReadSideIsEmbeddedUnlessAskedFor(t *testing.T) {
	if c := load(t, nil, nil); c.ReadSide != readSideEmbedded || newReadSide(c) != nil {
		t.Errorf("default read side = %q, want %q and no ClickHouse read side", c.ReadSide, readSideEmbedded)
	}
}

func TestReadSideOnClickHouseNeedsAClickHouseDSN(t *testing.T) {
	err := load(t, []string{"--data", t.TempDir(), "--read-side", "clickhouse"}, nil).Validate()
	if err == nil || !strings.Contains(err.Error(), "--read-side: clickhouse needs a ClickHouse DSN") {
		t.Errorf("Validate = %v, want the missing DSN named", err)
	}
	c := load(t, []string{"--data", t.TempDir(), "--read-side", "clickhouse", "--clickhouse", "clickhouse://localhost:9000/traceledger"}, nil)
	if err := c.Validate(); err != nil {
		t.Errorf("Validate = %v, want the ClickHouse read side accepted with a DSN", err)
	}
	if newReadSide(c) == nil {
		t.Error("no read side built for --read-side clickhouse")
	}
}

func TestAnUnknownReadSideIsRefused(t *testing.T) {
	err := load(t, []string{"--data", t.TempDir()}, map[string]string{"TRACELEDGER_READ_SIDE": "postgres"}).Validate()
	if err == nil || !strings.Contains(err.Error(), `TRACELEDGER_READ_SIDE: "postgres": unknown read side`) {
		t.Errorf("Validate = %v, want the unknown read side named", err)
	}
}
