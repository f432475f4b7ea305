package trace_test

import (
	"testing"

	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/trace"
)

// measured is the model TestMeasureOnALedger folds: on disk, as serve
// keeps it.
func measured(t *testing.T) (*trace.Projection, func()) {
	db, err := modelstore.Open(t.TempDir(), modelstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := trace.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return p, func() { db.Close() }
}
