package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/traceledger/traceledger/adapters/eventstore/kurrentdb"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/event"
)

// migratePage is how many records one read and one KurrentDB append carry.
const migratePage = 500

// runMigrate is `traceledger migrate --to kurrentdb --kurrentdb URL [--data DIR]`:
// it copies the embedded log into KurrentDB in position order, every record
// as it is (id, stream, version, times, hash), then reads both logs back and
// compares them record by record. A target that already holds events must be
// an earlier, interrupted copy of the same log (its last record equal to the
// source's at that position); the copy then resumes after it.
func runMigrate(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("migrate", e)
	to := fs.String("to", "", "target event store: kurrentdb")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if *to != storeKurrentDB || cfg.KurrentDBURL == "" {
		fmt.Fprintln(e.stderr, "traceledger migrate: want --to kurrentdb and --kurrentdb URL (or TRACELEDGER_KURRENTDB_URL)")
		return exitUsage
	}
	if err := migrateToKurrent(ctx, e.stderr, filepath.Join(cfg.Data, ledgerFile), cfg.KurrentDBURL, ""); err != nil {
		fmt.Fprintf(e.stderr, "traceledger migrate: %v\n", err)
		return exitFailure
	}
	// The access log (token grants and revocations) goes to the stream
	// serve reads it from on KurrentDB.
	if _, err := os.Stat(filepath.Join(cfg.Data, accessFile)); err == nil {
		t, err := kurrentdb.ParseURL(cfg.KurrentDBURL)
		if err == nil {
			err = migrateToKurrent(ctx, e.stderr, filepath.Join(cfg.Data, accessFile), cfg.KurrentDBURL, t.Log+accessLogSuffix)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "traceledger migrate: access log: %v\n", err)
			return exitFailure
		}
	}
	return exitOK
}

// migrateToKurrent copies and verifies; progress goes to w. log, if set,
// overrides the KurrentDB stream the URL names.
func migrateToKurrent(ctx context.Context, w io.Writer, ledger, url, log string) (err error) {
	src, err := sqlite.OpenReadOnly(ctx, ledger)
	if err != nil {
		return fmt.Errorf("open embedded ledger: %w", err)
	}
	defer closeInto(&err, src.Close)
	dst, err := kurrentdb.Open(ctx, url, kurrentdb.Options{Log: log})
	if err != nil {
		return fmt.Errorf("open kurrentdb: %w", err)
	}
	defer closeInto(&err, dst.Close)
	head, err := src.Head(ctx)
	if err != nil {
		return err
	}
	from, err := resumePoint(ctx, src, dst, head)
	if err != nil {
		return err
	}
	if from > 0 {
		fmt.Fprintf(w, "resuming: the target already holds positions 1..%d of this log\n", from)
	}
	for after := from; after < head; {
		page, err := src.ReadAll(ctx, after, migratePage)
		if err != nil {
			return fmt.Errorf("read embedded log after %d: %w", after, err)
		}
		if len(page) == 0 {
			break
		}
		if err := dst.Import(ctx, page); err != nil {
			return err
		}
		after = page[len(page)-1].Position
		fmt.Fprintf(w, "\rcopied %d/%d events", after, head)
	}
	fmt.Fprintf(w, "\ncopied into KurrentDB stream %q; verifying\n", dst.Log())
	n, err := verifyCopy(ctx, src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "verified: %d events, ids, types, data and hashes equal\n", n)
	return nil
}

// resumePoint is the position the copy continues after: 0 for an empty
// target, the target's head if its last record is the source's record at
// that position (the hash chain then vouches for everything before it).
func resumePoint(ctx context.Context, src, dst event.Store, srcHead uint64) (uint64, error) {
	dh, err := dst.Head(ctx)
	if err != nil || dh == 0 {
		return 0, err
	}
	if dh > srcHead {
		return 0, fmt.Errorf("the target holds %d events, more than the embedded log's %d: not a copy of it", dh, srcHead)
	}
	a, errA := src.ReadAll(ctx, dh-1, 1)
	b, errB := dst.ReadAll(ctx, dh-1, 1)
	if err := errors.Join(errA, errB); err != nil {
		return 0, err
	}
	if len(a) != 1 || len(b) != 1 || a[0].ID != b[0].ID || a[0].Hash != b[0].Hash {
		return 0, fmt.Errorf("the target is not empty and its position %d differs from the embedded log's: refusing to write into another ledger", dh)
	}
	return dh, nil
}

// verifyCopy reads both logs from the start and compares every record.
func verifyCopy(ctx context.Context, src, dst event.Store) (uint64, error) {
	var after uint64
	for {
		a, err := src.ReadAll(ctx, after, migratePage)
		if err != nil {
			return after, fmt.Errorf("verify: read embedded log: %w", err)
		}
		b, err := dst.ReadAll(ctx, after, migratePage)
		if err != nil {
			return after, fmt.Errorf("verify: read kurrentdb log: %w", err)
		}
		if len(a) != len(b) {
			return after, fmt.Errorf("verify: after position %d the embedded log has %d records, KurrentDB %d", after, len(a), len(b))
		}
		for i := range a {
			if diff := recordDiff(a[i], b[i]); diff != "" {
				return after, fmt.Errorf("verify: position %d: %s", a[i].Position, diff)
			}
		}
		if len(a) < migratePage {
			return after + uint64(len(a)), nil
		}
		after = a[len(a)-1].Position
	}
}

// recordDiff names the first field in which a copied record differs.
func recordDiff(want, got event.Record) string {
	switch {
	case want.Position != got.Position:
		return fmt.Sprintf("position %d, want %d", got.Position, want.Position)
	case want.ID != got.ID:
		return fmt.Sprintf("id %s, want %s", got.ID, want.ID)
	case want.Stream != got.Stream || want.Version != got.Version:
		return fmt.Sprintf("%s v%d, want %s v%d", got.Stream, got.Version, want.Stream, want.Version)
	case want.Type != got.Type:
		return fmt.Sprintf("type %q, want %q", got.Type, want.Type)
	case string(want.Data) != string(got.Data):
		return "data differs"
	case want.Metadata.ActorUSCC != got.Metadata.ActorUSCC || want.Metadata.ActorRole != got.Metadata.ActorRole ||
		want.Metadata.CorrelationID != got.Metadata.CorrelationID || want.Metadata.CausationID != got.Metadata.CausationID ||
		!want.Metadata.OccurredAt.Equal(got.Metadata.OccurredAt) || !want.Metadata.RecordedAt.Equal(got.Metadata.RecordedAt):
		return "metadata differs"
	case want.Hash != got.Hash:
		return fmt.Sprintf("hash %x, want %x", got.Hash, want.Hash)
	}
	return ""
}
