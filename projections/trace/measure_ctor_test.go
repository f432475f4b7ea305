package trace_test

import (
	"testing"

	"github.com/traceledger/traceledger/projections/trace"
)

// measured is the model TestMeasureOnALedger folds.
func measured(t *testing.T) (*trace.Projection, func()) { return trace.New(), func() {} }
