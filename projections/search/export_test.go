package search

// SetMaxCached bounds p's cache of folded documents, so that a test's small
// ledger turns its generations over.
func SetMaxCached(p *Projection, n int) { p.maxCached = n }
