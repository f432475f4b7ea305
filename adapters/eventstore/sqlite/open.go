package sqlite

import (
	"context"
	"fmt"
)

// queueDepth is how many appends may wait for the writer before Append blocks.
const queueDepth = 4096

// Open opens (creating if missing) the ledger at path for reading and writing,
// holding an exclusive lock on path+".lock" until Close so that no other
// process can write the same ledger: a second writer is refused with ErrInUse
// ("ledger ... is in use by another process"). It migrates the schema and
// starts the group-commit writer. ctx bounds the opening only.
func Open(ctx context.Context, path string, opts Options) (_ *Store, err error) {
	if opts, err = opts.withDefaults(); err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	lock, err := lockLedger(path)
	if err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	s := &Store{path: path, lock: lock, notify: newNotifier()}
	defer func() {
		if err != nil {
			s.abandon()
		}
	}()
	writeDB, conn, err := openWriter(ctx, path, opts.Synchronous)
	if err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	s.writeDB = writeDB
	w := &writer{
		ctx:      context.WithoutCancel(ctx),
		conn:     conn,
		maxBatch: opts.MaxBatch,
		ins:      eventInserter(conn),
		heads:    streamUpserter(conn),
		keys:     keyInserter(conn),
		cache:    newVersionCache(opts.StreamCache),
		publish:  s.notify.publish,
		stats:    &s.stats,
		gate:     opts.gate,
		queue:    newQueue(queueDepth),
		done:     make(chan struct{}),
	}
	s.w = w
	if err := migrate(ctx, conn); err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	if w.look, err = prepareLookups(ctx, conn); err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	if w.tail, err = loadTail(ctx, conn); err != nil {
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	s.notify.publish(w.tail.head)
	if err := s.openReads(ctx, opts.ReadConns); err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	go w.run()
	return s, nil
}

// OpenReadOnly opens an existing ledger for tools that only read (verify,
// replay, export). It takes no lock, so it works beside a running writer, and
// it never migrates: the file must be at this build's schema version. Append
// returns ErrReadOnly; Subscribe polls for commits made by the writer process.
func OpenReadOnly(ctx context.Context, path string) (_ *Store, err error) {
	s := &Store{path: path, notify: newNotifier()}
	defer func() {
		if err != nil {
			s.abandon()
		}
	}()
	if err := s.openReads(ctx, 4); err != nil {
		return nil, fmt.Errorf("open ledger read-only: %w", err)
	}
	if err := checkSchema(ctx, s.readers); err != nil {
		return nil, fmt.Errorf("open ledger %s read-only: %w", path, err)
	}
	return s, nil
}

func (s *Store) openReads(ctx context.Context, conns int) error {
	readers, err := openReaders(ctx, s.path, conns)
	if err != nil {
		return err
	}
	s.readers = readers
	if s.reads, err = prepareReads(ctx, readers); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	return nil
}

// abandon releases whatever a failed Open had acquired; the writer goroutine
// has not started yet.
func (s *Store) abandon() {
	if s.w != nil {
		if s.w.look != nil {
			s.w.look.close()
		}
		s.w.ins.close()
		s.w.heads.close()
		s.w.conn.Close()
	}
	if s.writeDB != nil {
		s.writeDB.Close()
	}
	s.reads.close()
	if s.readers != nil {
		s.readers.Close()
	}
	_ = s.lock.unlock()
}
