package enginebench

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// pebbleLog keeps the log in Pebble: "e"+position (big-endian) holds the
// record's line (line.go), "i"+id the position of an event id, "s"+stream
// the stream's version and last position. A group is one batch committed
// with Sync: one WAL fsync.
type pebbleLog struct {
	db  *pebble.DB
	buf []byte
}

func openPebble(_ context.Context, dir string) (engine, error) {
	opts := &pebble.Options{MemTableSize: 64 << 20, Logger: quietLogger{}}
	for i := range opts.Levels {
		opts.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	db, err := pebble.Open(filepath.Join(dir, "pebble"), opts)
	if err != nil {
		return nil, fmt.Errorf("pebble: open: %w", err)
	}
	return &pebbleLog{db: db}, nil
}

func eventKey(pos uint64) []byte {
	k := make([]byte, 9)
	k[0] = 'e'
	binary.BigEndian.PutUint64(k[1:], pos)
	return k
}

func idKey(id uuid.UUID) []byte { return append([]byte{'i'}, id[:]...) }

// commit looks each id up (a bloom filter answers most), then writes the
// group in one synced batch.
func (p *pebbleLog) commit(_ context.Context, g *group) error {
	b := p.db.NewBatch()
	defer b.Close()
	seen := make(map[uuid.UUID]struct{}, len(g.recs))
	var pos [8]byte
	for i := range g.recs {
		r := &g.recs[i]
		if _, ok := seen[r.ID]; ok {
			return fmt.Errorf("pebble: %w: %s", event.ErrDuplicateID, r.ID)
		}
		seen[r.ID] = struct{}{}
		_, cl, err := p.db.Get(idKey(r.ID))
		if err == nil {
			cl.Close()
			return fmt.Errorf("pebble: %w: %s", event.ErrDuplicateID, r.ID)
		}
		if !errors.Is(err, pebble.ErrNotFound) {
			return fmt.Errorf("pebble: look up id: %w", err)
		}
		p.buf = appendLine(p.buf[:0], r, g.texts[i], g.recorded)
		if err := b.Set(eventKey(r.Position), p.buf[:len(p.buf)-1], nil); err != nil {
			return err
		}
		binary.BigEndian.PutUint64(pos[:], r.Position)
		if err := b.Set(idKey(r.ID), pos[:], nil); err != nil {
			return err
		}
	}
	var h [16]byte
	for s, head := range g.heads {
		binary.BigEndian.PutUint64(h[:8], head.version)
		binary.BigEndian.PutUint64(h[8:], head.last)
		if err := b.Set(append([]byte{'s'}, s...), h[:], nil); err != nil {
			return err
		}
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("pebble: commit: %w", err)
	}
	return nil
}

// replay iterates the "e" keys in order, copying values into chunks of
// lines for the decoders.
func (p *pebbleLog) replay(ctx context.Context, fn func([]event.Record) error) error {
	it, err := p.db.NewIterWithContext(ctx, &pebble.IterOptions{LowerBound: []byte{'e'}, UpperBound: []byte{'f'}})
	if err != nil {
		return err
	}
	defer it.Close()
	return decodeOrdered(ctx, func(emit func([]byte) error) error {
		chunk := make([]byte, 0, readChunk+4096)
		for it.First(); it.Valid(); it.Next() {
			v, err := it.ValueAndErr()
			if err != nil {
				return err
			}
			chunk = append(append(chunk, v...), '\n')
			if len(chunk) >= readChunk {
				if err := emit(chunk); err != nil {
					return err
				}
				chunk = make([]byte, 0, readChunk+4096)
			}
		}
		if err := it.Error(); err != nil {
			return err
		}
		if len(chunk) > 0 {
			return emit(chunk)
		}
		return nil
	}, decodeLines, fn)
}

func (p *pebbleLog) close() error { return p.db.Close() }

// quietLogger keeps Pebble's informational lines out of the bench output.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any)         {}
func (quietLogger) Errorf(string, ...any)        {}
func (quietLogger) Fatalf(f string, args ...any) { panic(fmt.Sprintf(f, args...)) }
