package benchmark

import (
	"context"
	"io"

	"github.com/traceledger/traceledger/projections/runner"
)

// benchDecodeOnly rebuilds no model: the log is read and every event
// decoded as a rebuild does, and nothing is folded. It is the ceiling of
// any rebuild on this machine, beside the raw read of the rows it decodes
// (rows per second, measured earlier in the same run).
func benchDecodeOnly(ctx context.Context, path, name string, raw float64, out func(Figure)) error {
	return benchReplayBeside(ctx, path, name, []runner.Projection{discard{}}, raw, out)
}

// discard is a read model that keeps nothing.
type discard struct{}

func (discard) Name() string                  { return "discard" }
func (discard) Apply([]runner.Envelope) error { return nil }
func (discard) Snapshot(io.Writer) error      { return nil }
func (discard) Restore(io.Reader) error       { return nil }
func (discard) Reset()                        {}
