package runner

// Durable is a projection whose state lives on disk (projections/modelstore)
// and commits the position it covers together with it in every Apply, so
// its checkpoint is part of its state rather than a snapshot's header: the
// runner asks it its position at load instead of reading a snapshot, and
// asks it to Persist where a snapshot would be written. Reset empties it on
// disk. Snapshot writes its state for comparison with a replay (Dump);
// Restore is never called.
type Durable interface {
	Projection
	// Position is the position the stored state covers.
	Position() (uint64, error)
	// Persist makes every applied batch durable.
	Persist() error
}
