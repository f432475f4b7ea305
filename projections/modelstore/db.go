package modelstore

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// Options tune the database.
type Options struct {
	// CacheBytes is the block cache shared by every model (default 256 MiB).
	CacheBytes int64
	// MemTableBytes is the size of one memtable (default 32 MiB; Pebble
	// keeps up to two while one is flushed).
	MemTableBytes uint64
	// fs, set only by tests, is the file system the store lives in.
	fs vfs.FS
	// manualCompactions, set only by tests, leaves compacting to them.
	manualCompactions bool
}

// bloomBitsPerKey sizes the model store's Bloom filters.
const bloomBitsPerKey = 10

// DB is the on-disk store of the large read models.
type DB struct {
	db *pebble.DB
	// rows is the row store (rows.go), in its own directory.
	rows   *pebble.DB
	rowsID []byte
	cache  *pebble.Cache
}

// Open opens (or creates) the store in dir; "" keeps it in memory, for
// one-off folds and tests.
func Open(dir string, o Options) (*DB, error) {
	if o.CacheBytes <= 0 {
		o.CacheBytes = 256 << 20
	}
	if o.MemTableBytes == 0 {
		o.MemTableBytes = 32 << 20
	}
	cache := pebble.NewCache(o.CacheBytes)
	// No write-ahead log: every model is derived from the ledger, and
	// each batch carries its model's position, so what a crash takes is
	// the batches since the last flush, whole; every model is then back at
	// a position its flushed state had reached. Writing each batch twice
	// (log, then table) cost a rebuild about an eighth of its time.
	opts := &pebble.Options{Cache: cache, MemTableSize: o.MemTableBytes, Logger: quiet{}, DisableWAL: true,
		DisableAutomaticCompactions: o.manualCompactions}
	// Every table keeps a Bloom filter of its keys (10 bits a key, about
	// 1 % false positives), so a Get of a key no table holds reads a
	// filter block instead of each level's index and data blocks. The
	// folds ask for absent keys all the time: a holder's stock of a batch
	// before its first receipt, the units of a batch's second label.
	opts.Levels[0].FilterPolicy = bloom.FilterPolicy(bloomBitsPerKey)
	// The row store keeps its log: a batch's rows are synced before the
	// batch's other keys are written (rows.go). Its flushed tables never
	// overlap, so any number of them is one sublevel of level 0 and costs
	// a read nothing: they are neither counted towards a compaction (by
	// default 500 tables start one, which would rewrite every row) nor
	// split into small tables.
	rowOpts := &pebble.Options{Cache: cache, MemTableSize: o.MemTableBytes, Logger: quiet{},
		DisableAutomaticCompactions: o.manualCompactions, L0CompactionFileThreshold: math.MaxInt32}
	rowOpts.TargetFileSizes[0] = 2 * int64(o.MemTableBytes)
	switch {
	case o.fs != nil:
		opts.FS, rowOpts.FS = o.fs, o.fs
	case dir == "":
		opts.FS, rowOpts.FS = vfs.NewMem(), vfs.NewMem()
	}
	db, err := pebble.Open(dir, opts)
	if err != nil {
		cache.Unref()
		return nil, fmt.Errorf("open the model store %q: %w", dir, err)
	}
	rows, err := pebble.Open(rowsDir(dir), rowOpts)
	if err != nil {
		db.Close()
		cache.Unref()
		return nil, fmt.Errorf("open the model store's rows %q: %w", rowsDir(dir), err)
	}
	id, err := rowStoreID(rows)
	if err != nil {
		rows.Close()
		db.Close()
		cache.Unref()
		return nil, err
	}
	return &DB{db: db, rows: rows, rowsID: id, cache: cache}, nil
}

// rowsDir is where the row store of the store in dir lives: a directory
// inside the store's, whose name Pebble does not take for one of its
// files, so a store's files stay under one directory.
func rowsDir(dir string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "rows")
}

// Sync makes every committed batch durable: it flushes the memtables.
func (d *DB) Sync() error {
	if err := d.rows.Flush(); err != nil {
		return fmt.Errorf("sync the model store's rows: %w", err)
	}
	if err := d.db.Flush(); err != nil {
		return fmt.Errorf("sync the model store: %w", err)
	}
	return nil
}

// Close syncs and closes the store.
func (d *DB) Close() error {
	err := d.Sync()
	err = errors.Join(err, d.db.Close(), d.rows.Close())
	d.cache.Unref()
	return err
}

// Model returns the key range of the model called name. Names must be
// unique and must not contain a zero byte.
func (d *DB) Model(name string) *Model {
	base := []byte(name)
	return &Model{db: d,
		lo:   append(append([]byte{}, base...), 0),
		hi:   append(append([]byte{}, base...), 2),
		ckpt: append(append([]byte{}, base...), 1)}
}

// quiet keeps Pebble's informational logging out of the server's output;
// errors still reach the caller.
type quiet struct{}

func (quiet) Infof(string, ...any)  {}
func (quiet) Errorf(string, ...any) {}
func (quiet) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}
