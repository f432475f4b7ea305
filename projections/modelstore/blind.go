package modelstore

// BeginBlind starts a batch that only writes: cheaper than Begin, which
// indexes the batch's own writes so it can read them back. A fold that
// reads only committed state through the Model (remembering what it wrote
// itself) uses it; Get and Scan on it fail.
func (m *Model) BeginBlind() *Batch {
	b := &Batch{m: m, b: m.db.db.NewBatch()}
	if m.hasRows() {
		b.rb = m.db.rows.NewBatch()
	}
	return b
}
