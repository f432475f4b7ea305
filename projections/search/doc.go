// Package search is the full-text read model: an embedded bleve index of
// enterprises, products, batches, customs declarations, complaints and
// recalls, folded from the log, so that a user can start from a name, a
// region, a category, a date or part of a code rather than a whole code.
//
// Chinese text is indexed with bleve's CJK analyzer (overlapping bigrams),
// so the two-character word 燕麦 matches inside 即食燕麦片; Latin text is
// lower-cased. Identifiers are kept twice: whole (a keyword, ranked first
// when the query is exactly one) and as their prefixes and suffixes of four
// characters or more (keywords too), so part of a GTIN finds its product by
// one term look-up rather than a wildcard scan of the term dictionary.
//
// Every document names the enterprises (USCCs) allowed to see it; a query
// for an enterprise filters on that list inside the index, before paging.
//
// The index lives in its own directory and is its own store: the log
// position it covers is written in the same bleve batch as the documents, so
// the two commit together; the runner's snapshot holds only that position,
// and on restart the index may be ahead of the snapshot (re-applied events
// upsert the same documents) but never behind it.
package search
