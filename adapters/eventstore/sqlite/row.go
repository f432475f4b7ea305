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

// rowScan reads rows selected with columns. The columns that are only
// parsed (id, times, hash) are scanned as sql.RawBytes, which the driver
// lends until the next row instead of allocating a string each; the text
// that repeats from row to row (type, actor, role) is kept once per scan.
type rowScan struct {
	id, occurred, recorded, hash sql.RawBytes
	seen                         map[string]string
}

// repeated returns b as a string, the same one each time it repeats.
func (rs *rowScan) repeated(b sql.RawBytes) string {
	if s, ok := rs.seen[string(b)]; ok {
		return s
	}
	if rs.seen == nil {
		rs.seen = make(map[string]string)
	}
	s := string(b)
	if len(rs.seen) < 4096 {
		rs.seen[s] = s
	}
	return s
}

func (rs *rowScan) scan(sc scanner) (event.Record, error) {
	var (
		r                event.Record
		pos, ver         int64
		typ, actor, role sql.RawBytes
		data             []byte
		corr, cause      string
	)
	err := sc.Scan(&pos, &rs.id, &r.Stream, &ver, &typ, &data, &actor, &role, &corr, &cause,
		&rs.occurred, &rs.recorded, &rs.hash)
	if err != nil {
		return event.Record{}, err
	}
	r.Position, r.Version, r.Data = uint64(pos), uint64(ver), data
	r.Type, r.Metadata.ActorUSCC, r.Metadata.ActorRole = rs.repeated(typ), rs.repeated(actor), rs.repeated(role)
	r.Metadata.CorrelationID, r.Metadata.CausationID = corr, cause
	if r.ID, err = uuid.ParseBytes(rs.id); err != nil {
		return event.Record{}, fmt.Errorf("position %d: event id: %w", pos, err)
	}
	if r.Metadata.OccurredAt, err = event.ParseTime(string(rs.occurred)); err != nil {
		return event.Record{}, fmt.Errorf("position %d: occurred_at: %w", pos, err)
	}
	if r.Metadata.RecordedAt, err = event.ParseTime(string(rs.recorded)); err != nil {
		return event.Record{}, fmt.Errorf("position %d: recorded_at: %w", pos, err)
	}
	if r.Hash, err = parseHashBytes(rs.hash); err != nil {
		return event.Record{}, fmt.Errorf("position %d: %w", pos, err)
	}
	return r, nil
}

// scanRecords reads every row of rs and closes it; capacity is how many
// rows are expected at most (a ReadAll's limit), to size the result once.
func scanRecords(rows *sql.Rows, capacity int) ([]event.Record, error) {
	defer rows.Close()
	out := make([]event.Record, 0, min(max(capacity, 0), 4096))
	var rs rowScan
	for rows.Next() {
		r, err := rs.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// parseHashBytes is parseHash of the hex digits in b.
func parseHashBytes(b []byte) ([32]byte, error) {
	var h [32]byte
	if len(b) != 64 {
		return h, fmt.Errorf("hash %q: want 64 hex digits", b)
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return h, fmt.Errorf("hash %q: %w", b, err)
	}
	return h, nil
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
