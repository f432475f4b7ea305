package enginebench

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// sqlSchema is today's store's tables (adapters/eventstore/sqlite, schema
// version 3, less the idempotency keys, which the benchmark does not write).
const sqlSchema = `CREATE TABLE IF NOT EXISTS events (
		position       INTEGER PRIMARY KEY,
		event_id       TEXT    NOT NULL UNIQUE,
		stream         TEXT    NOT NULL,
		version        INTEGER NOT NULL,
		type           TEXT    NOT NULL,
		data           TEXT    NOT NULL,
		actor_uscc     TEXT    NOT NULL,
		actor_role     TEXT    NOT NULL,
		correlation_id TEXT    NOT NULL,
		causation_id   TEXT    NOT NULL,
		occurred_at    TEXT    NOT NULL,
		recorded_at    TEXT    NOT NULL,
		hash           TEXT    NOT NULL,
		prev_position  INTEGER
	);
	CREATE TABLE IF NOT EXISTS streams (
		stream        TEXT    PRIMARY KEY,
		version       INTEGER NOT NULL,
		last_position INTEGER NOT NULL
	) WITHOUT ROWID`

// sqlPragmas are today's writer's settings (synchronous FULL: durable).
var sqlPragmas = []string{
	"PRAGMA page_size = 4096",
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = FULL",
	"PRAGMA cache_size = -32768",
	"PRAGMA temp_store = MEMORY",
	"PRAGMA wal_autocheckpoint = 10000",
	"PRAGMA journal_size_limit = 67108864",
}

const (
	sqlColumns = `position, event_id, stream, version, type, data, actor_uscc, actor_role,
	correlation_id, causation_id, occurred_at, recorded_at, hash`
	sqlRowWidth = 14
	sqlChunk    = 64 // rows per INSERT, as the store
	sqlReplay   = "SELECT " + sqlColumns + " FROM events ORDER BY position"
)

// insertSQL is the INSERT of n events rows; upsertSQL that of n streams rows.
func insertSQL(n int) string {
	return "INSERT OR ROLLBACK INTO events (" + sqlColumns + ", prev_position) VALUES " + placeholders(n, sqlRowWidth)
}

func upsertSQL(n int) string {
	return "INSERT INTO streams (stream, version, last_position) VALUES " + placeholders(n, 3) +
		" ON CONFLICT (stream) DO UPDATE SET version = excluded.version, last_position = excluded.last_position"
}

func placeholders(rows, width int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	return strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

// rowArgs are record i of g's column values, as the store binds them.
func rowArgs(args []any, g *group, i int) []any {
	r := &g.recs[i]
	var link any
	if g.prev[i] != 0 {
		link = int64(g.prev[i])
	}
	return append(args, int64(r.Position), g.texts[i].id, r.Stream, int64(r.Version), r.Type, string(r.Data),
		r.Metadata.ActorUSCC, r.Metadata.ActorRole, r.Metadata.CorrelationID, r.Metadata.CausationID,
		g.texts[i].occurred, g.recorded, hex.EncodeToString(r.Hash[:]), link)
}

// headArgs are g's streams rows' values.
func headArgs(g *group) []any {
	args := make([]any, 0, 3*len(g.heads))
	for s, h := range g.heads {
		args = append(args, s, int64(h.version), int64(h.last))
	}
	return args
}

// sqlRow is one events row as scanned, before decoding.
type sqlRow struct {
	pos, ver                                      int64
	id, stream, typ                               string
	data                                          []byte
	actor, role, corr, caus, occ, recorded, hashx string
}

// decodeRows turns scanned rows into records.
func decodeRows(rows []sqlRow) ([]event.Record, error) {
	out := make([]event.Record, len(rows))
	for i := range rows {
		w := &rows[i]
		r := &out[i]
		r.Position, r.Version, r.Stream, r.Type, r.Data = uint64(w.pos), uint64(w.ver), w.stream, w.typ, w.data
		r.Metadata.ActorUSCC, r.Metadata.ActorRole, r.Metadata.CorrelationID, r.Metadata.CausationID = w.actor, w.role, w.corr, w.caus
		var err error
		if r.ID, err = uuid.Parse(w.id); err != nil {
			return nil, fmt.Errorf("position %d: id: %w", w.pos, err)
		}
		if r.Metadata.OccurredAt, err = event.ParseTime(w.occ); err != nil {
			return nil, fmt.Errorf("position %d: occurred_at: %w", w.pos, err)
		}
		if r.Metadata.RecordedAt, err = event.ParseTime(w.recorded); err != nil {
			return nil, fmt.Errorf("position %d: recorded_at: %w", w.pos, err)
		}
		if len(w.hashx) != 64 {
			return nil, fmt.Errorf("position %d: hash %q", w.pos, w.hashx)
		}
		if _, err := hex.Decode(r.Hash[:], []byte(w.hashx)); err != nil {
			return nil, fmt.Errorf("position %d: hash: %w", w.pos, err)
		}
	}
	return out, nil
}

// replayPage is how many rows a reader hands the decoders at a time.
const replayPage = 1024
