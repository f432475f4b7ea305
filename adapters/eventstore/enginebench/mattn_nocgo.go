//go:build !cgo

package enginebench

// mattnCandidate is nil without cgo: github.com/mattn/go-sqlite3 needs it.
var mattnCandidate *candidate
