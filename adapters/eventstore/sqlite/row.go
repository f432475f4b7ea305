package sqlite

import (
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// columns lists the events table in the order rows are written and read.
const columns = `position, event_id, stream, version, type, data, actor_uscc, actor_role,
	correlation_id, causation_id, occurred_at, recorded_at, hash`

// insertColumns are the columns a new row sets: columns and the link to the
// stream's previous event.
const insertColumns = columns + ", prev_position"

// numColumns is how many parameters one row binds.
const numColumns = 14

// eventText is the text form of an event's id, occurred time and data, made
// by the appender before the writer sees the event.
type eventText struct {
	id, occurred, data string
}

// appendRow appends r's column values to args, in insertColumns order; t is
// the text form of r's id, occurred time and data, recorded that of its
// recorded time, prev the position of the stream's previous event, 0 for none
// (NULL). Data is bound as text, byte for byte, so the sqlite3 CLI shows it
// and the hash can be recomputed from the row.
func appendRow(args []any, r *event.Record, t *eventText, recorded string, prev uint64) []any {
	var link any
	if prev != 0 {
		link = int64(prev)
	}
	return append(args,
		int64(r.Position),
		t.id,
		r.Stream,
		int64(r.Version),
		r.Type,
		t.data,
		r.Metadata.ActorUSCC,
		r.Metadata.ActorRole,
		r.Metadata.CorrelationID,
		r.Metadata.CausationID,
		t.occurred,
		recorded,
		hex.EncodeToString(r.Hash[:]),
		link,
	)
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanRecord reads one row selected with columns. The driver hands TEXT
// columns over as Go strings already, so scanning into strings costs no
// copy (sql.RawBytes would copy them once more).
func scanRecord(sc scanner) (event.Record, error) {
	var (
		r                      event.Record
		pos, ver               int64
		id, occurred, recorded string
		hash                   string
		data                   []byte
	)
	err := sc.Scan(&pos, &id, &r.Stream, &ver, &r.Type, &data,
		&r.Metadata.ActorUSCC, &r.Metadata.ActorRole, &r.Metadata.CorrelationID, &r.Metadata.CausationID,
		&occurred, &recorded, &hash)
	if err != nil {
		return event.Record{}, err
	}
	r.Position, r.Version, r.Data = uint64(pos), uint64(ver), data
	if r.ID, err = uuid.Parse(id); err != nil {
		return event.Record{}, fmt.Errorf("position %d: event id: %w", pos, err)
	}
	if r.Metadata.OccurredAt, err = event.ParseTime(occurred); err != nil {
		return event.Record{}, fmt.Errorf("position %d: occurred_at: %w", pos, err)
	}
	if r.Metadata.RecordedAt, err = event.ParseTime(recorded); err != nil {
		return event.Record{}, fmt.Errorf("position %d: recorded_at: %w", pos, err)
	}
	if r.Hash, err = parseHash(hash); err != nil {
		return event.Record{}, fmt.Errorf("position %d: %w", pos, err)
	}
	return r, nil
}

// scanRecords reads every row of rows and closes it; capacity is how many
// rows are expected at most (a ReadAll's limit), so the page is sized once
// instead of grown and copied as it fills.
func scanRecords(rows *sql.Rows, capacity int) ([]event.Record, error) {
	defer rows.Close()
	out := make([]event.Record, 0, min(max(capacity, 0), 4096))
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func parseHash(s string) ([32]byte, error) {
	var h [32]byte
	if len(s) != 64 {
		return h, fmt.Errorf("hash %q: want 64 hex digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("hash %q: %w", s, err)
	}
	return h, nil
}
