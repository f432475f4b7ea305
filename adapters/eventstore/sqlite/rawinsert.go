package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
	"github.com/traceledger/traceledger/domain/event"
)

// MeasureRawInsert is the baseline for the store's throughput: it writes events
// rows shaped like the store's (same tables, indexes and pragmas, payloads of
// loadgen.Payload over 64 streams, each batch's streams rows upserted) into a
// fresh database in dir, batch rows per transaction, with every value computed beforehand and no hashing, no
// checks and no queue. It returns rows per second of wall-clock time and
// removes the database afterwards. sync is "FULL" or "NORMAL".
func MeasureRawInsert(ctx context.Context, dir string, events, batch int, sync string) (perSec float64, err error) {
	if events <= 0 || batch <= 0 {
		return 0, fmt.Errorf("raw insert: events %d and batch %d must be positive", events, batch)
	}
	if sync, err = checkSynchronous(sync); err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	path := filepath.Join(dir, fmt.Sprintf("rawinsert-%d.db", time.Now().UnixNano()))
	defer removeDB(path)
	db, conn, err := openWriter(ctx, path, sync)
	if err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	defer db.Close()
	defer conn.Close()
	if err := migrate(ctx, conn); err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	args := rawRows(events)
	heads := rawHeads(events, batch)
	in, up := eventInserter(conn), streamUpserter(conn)
	defer in.close()
	defer up.close()

	start := time.Now()
	for i := 0; len(args) > 0; i++ {
		n := min(batch*numColumns, len(args))
		if err := rawCommit(ctx, conn, &in, &up, args[:n], heads[i]); err != nil {
			return 0, fmt.Errorf("raw insert: %w", err)
		}
		args = args[n:]
	}
	return float64(events) / time.Since(start).Seconds(), nil
}

func rawCommit(ctx context.Context, conn execer, in, up *inserter, args, heads []any) error {
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	err := in.insert(ctx, args)
	if err == nil {
		err = up.insert(ctx, heads)
	}
	if err != nil {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

const rawStreams = 64

// rawHeads is, for each batch of rawRows(n), the streams rows it leaves.
func rawHeads(n, batch int) [][]any {
	var out [][]any
	for lo := 0; lo < n; lo += batch {
		hi := min(lo+batch, n)
		var args []any
		for i := max(lo, hi-rawStreams); i < hi; i++ {
			args = appendHead(args, fmt.Sprintf("bench-%d", i%rawStreams), streamHead{version: uint64(i/rawStreams + 1), last: uint64(i + 1)})
		}
		out = append(out, args)
	}
	return out
}

// rawRows precomputes the column values of n events spread over 64 streams,
// with time-ordered ids as the store's appenders make them.
func rawRows(n int) []any {
	const streams = rawStreams
	args := make([]any, 0, n*numColumns)
	now := event.NormalizeTime(time.Now())
	var hash [32]byte
	for i := range n {
		w, seq := i%streams, i/streams
		_, _ = rand.Read(hash[:])
		args = append(args, int64(i+1), uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("bench-%d", w), int64(seq+1),
			"shipment.dispatched.v1", string(loadgen.Payload(w, seq)),
			"91310000MA1FL8XQ3B", "carrier", uuid.NewString(), "", event.FormatTime(now), event.FormatTime(now),
			hex.EncodeToString(hash[:]), rawLink(i-streams))
	}
	return args
}

// rawLink is prev_position for the row before index i of its stream.
func rawLink(i int) any {
	if i < 0 {
		return nil
	}
	return int64(i + 1)
}

// removeDB deletes a database file and its WAL companions.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
}
