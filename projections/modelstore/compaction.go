package modelstore

// Compaction is the store's compaction work: after a long fold (a
// rebuild, a first start) Pebble goes on merging what the fold wrote for a
// while, and reads share the machine with it until then.
type Compaction struct {
	// Running is the number of compactions under way.
	Running int64
	// DebtBytes is Pebble's estimate of the bytes to compact before the
	// levels are in shape. It is not zero on a quiet store whose first
	// level holds a few tables, too few to be worth compacting.
	DebtBytes uint64
}

// Compaction reads the store's compaction state now. The row store's
// tables are never compacted (rows.go), so what Pebble estimates for them
// is not owed: counting it made the debt grow with every row written.
func (d *DB) Compaction() Compaction {
	m, r := d.db.Metrics(), d.rows.Metrics()
	return Compaction{Running: m.Compact.NumInProgress + r.Compact.NumInProgress, DebtBytes: m.Compact.EstimatedDebt}
}
