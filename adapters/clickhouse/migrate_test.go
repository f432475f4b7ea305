package clickhouse

import (
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/clickhouse/chtest"
	"github.com/traceledger/traceledger/projections/runner"
)

// Open creates the DSN's database; a DSN without one gets "traceledger";
// a malformed DSN or database name is refused before dialing.
func TestOpenCreatesTheDatabase(t *testing.T) {
	srv := chtest.Start(t)
	count := "SELECT count() FROM system.databases WHERE name = '%s'"
	if n := uint64Query(t, srv, strings.ReplaceAll(count, "%s", chtest.Database)); n != 0 {
		t.Fatalf("database exists before Open")
	}
	for _, dsn := range []string{srv.DSN, "clickhouse://" + srv.Addr} {
		c, err := Open(t.Context(), dsn)
		if err != nil {
			t.Fatalf("Open(%s): %v", dsn, err)
		}
		c.Close()
	}
	for _, db := range []string{chtest.Database, DefaultDatabase} {
		if n := uint64Query(t, srv, strings.ReplaceAll(count, "%s", db)); n != 1 {
			t.Errorf("database %s not created", db)
		}
	}
	for _, dsn := range []string{"clickhouse://" + srv.Addr + "/no-dashes", "clickhouse:///nohost", "::", "http://" + srv.HTTPAddr + "/db"} {
		if _, err := Open(t.Context(), dsn); err == nil {
			t.Errorf("Open(%q) accepted", dsn)
		}
	}
}

// Migrations run once each, in order: a second Migrate does nothing, a
// migration added later runs alone, and one edited after it ran is refused.
func TestMigrationsAreAppliedOnce(t *testing.T) {
	srv, c := open(t)
	for range 2 {
		if err := Migrate(t.Context(), c, NewEventsTable()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
	}
	if got := srv.MustQuery("SELECT name, version FROM " + chtest.Database + ".schema_migrations ORDER BY name, version"); got != "events\t1\nevents\t2\nevents\t3" {
		t.Errorf("schema_migrations:\n%s", got)
	}
	if got := srv.MustQuery("SELECT name FROM system.tables WHERE database = '" + chtest.Database + "' AND name NOT LIKE '.inner%' ORDER BY name"); got != "category_daily\nenterprise_daily\nevents\nschema_migrations" {
		t.Errorf("tables:\n%s", got)
	}

	v1 := migratingTable{"CREATE TABLE IF NOT EXISTS {db}.m (position UInt64) ENGINE = MergeTree() ORDER BY position"}
	v2 := append(v1, "ALTER TABLE {db}.m ADD COLUMN note String")
	for _, tb := range []migratingTable{v1, v2, v2} {
		if err := Migrate(t.Context(), c, tb); err != nil {
			t.Fatalf("Migrate %d statements: %v", len(tb), err)
		}
	}
	if got := srv.MustQuery("SELECT name, type FROM system.columns WHERE database = '" + chtest.Database + "' AND table = 'm' ORDER BY name"); got != "note\tString\nposition\tUInt64" {
		t.Errorf("columns of m after two migrations:\n%s", got)
	}
	edited := migratingTable{v1[0], "ALTER TABLE {db}.m ADD COLUMN other String"}
	if err := Migrate(t.Context(), c, edited); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("an edited migration: got %v, want it refused", err)
	}
}

// migratingTable is a table that is only its migrations.
type migratingTable []string

func (m migratingTable) Name() string                 { return "m" }
func (m migratingTable) Migrations() []string         { return m }
func (m migratingTable) Columns() []string            { return []string{"position"} }
func (m migratingTable) Fold(runner.Envelope) [][]any { return nil }
func (m migratingTable) Reset()                       {}
