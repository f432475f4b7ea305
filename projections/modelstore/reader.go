package modelstore

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// Reader scans many ranges of a model with iterators it keeps open, one
// per database, where Model.Scan opens one a call: a query reading
// thousands of short ranges (the EPCIS view's streams of an enterprise's
// batches) pays for opening an iterator once. Each iterator reads the
// state as of the Reader's first scan of its database. Not for concurrent
// use; Close releases the iterators.
type Reader struct {
	m   *Model
	its map[reader]*pebble.Iterator
}

// NewReader starts a Reader of the model.
func (m *Model) NewReader() *Reader { return &Reader{m: m, its: map[reader]*pebble.Iterator{}} }

// Scan is Model.Scan through the Reader's iterators.
func (r *Reader) Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error {
	return r.m.scanWith(r.m.db.db, r.m.db.rows, prefix, from, reverse, fn, r.scanRange)
}

func (r *Reader) scanRange(db reader, baseLen int, lower, upper, from []byte, reverse bool, fn func(key, value []byte) bool) (bool, error) {
	it, ok := r.its[db]
	if !ok {
		var err error
		if it, err = db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper}); err != nil {
			return false, fmt.Errorf("model store scan: %w", err)
		}
		r.its[db] = it
	} else {
		it.SetBounds(lower, upper)
	}
	return walkRange(it, baseLen, from, reverse, fn)
}

// Close releases the Reader's iterators.
func (r *Reader) Close() error {
	var errs []error
	for db, it := range r.its {
		errs = append(errs, it.Close())
		delete(r.its, db)
	}
	return errors.Join(errs...)
}
