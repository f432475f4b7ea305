package benchmark

import (
	"context"
	"io"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/projections/runner"
)

// benchDecodeOnly rebuilds no model: the log is read and every event
// decoded as a rebuild does, and nothing is folded. It is the ceiling of
// any rebuild on this machine, beside the raw read of the rows it decodes.
func benchDecodeOnly(ctx context.Context, path, name string, out func(Figure)) error {
	_, raw, err := sqlite.MeasureRawRead(ctx, path)
	if err != nil {
		return err
	}
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := runner.Rebuild(ctx, store, "", nil, discard{})
	if err != nil {
		return err
	}
	out(newFigure(name, res.PerSecond(), "events/s", "raw_events_table_read_rows_per_s", raw))
	return nil
}

// discard is a read model that keeps nothing.
type discard struct{}

func (discard) Name() string                  { return "discard" }
func (discard) Apply([]runner.Envelope) error { return nil }
func (discard) Snapshot(io.Writer) error      { return nil }
func (discard) Restore(io.Reader) error       { return nil }
func (discard) Reset()                        {}
