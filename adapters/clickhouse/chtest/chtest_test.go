package chtest_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
)

// A server starts, keeps its data across a restart on the same ports, and
// refuses connections while stopped.
func TestStartStopRestart(t *testing.T) {
	s := chtest.Start(t)
	s.MustQuery("CREATE DATABASE IF NOT EXISTS kept")
	s.MustQuery("CREATE TABLE kept.t (n UInt64) ENGINE = MergeTree() ORDER BY n")
	s.MustQuery("INSERT INTO kept.t (n) VALUES (1), (2), (3)")
	s.Stop()
	if _, err := s.Query("SELECT 1"); err == nil {
		t.Fatal("a stopped server answered a query")
	}
	s.Restart()
	if got := s.MustQuery("SELECT count() FROM kept.t"); got != "3" {
		t.Fatalf("rows after restart: got %q, want 3", got)
	}
	s.Kill()
	s.Restart()
	if got := s.MustQuery("SELECT sum(n) FROM kept.t"); got != "6" {
		t.Fatalf("sum after a kill and restart: got %q, want 6", got)
	}
}

// Two servers run side by side on their own ports.
func TestTwoServers(t *testing.T) {
	a, b := chtest.Start(t), chtest.Start(t)
	if a.Addr == b.Addr || a.HTTPAddr == b.HTTPAddr {
		t.Fatalf("servers share ports: %s/%s and %s/%s", a.Addr, a.HTTPAddr, b.Addr, b.HTTPAddr)
	}
	a.MustQuery("CREATE DATABASE only_a")
	if got := b.MustQuery("SELECT count() FROM system.databases WHERE name = 'only_a'"); got != "0" {
		t.Fatalf("server b sees server a's database: %q", got)
	}
}
