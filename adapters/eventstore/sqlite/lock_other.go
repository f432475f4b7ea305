//go:build !unix

package sqlite

import "errors"

// fileLock is not available here: without flock a second process could open
// the ledger for writing and fork the hash chain, so writable opens refuse.
type fileLock struct{}

func lockLedger(path string) (*fileLock, error) {
	return nil, errors.New("lock " + path + ": exclusive ledger lock not supported on this platform")
}

func (l *fileLock) unlock() error { return nil }
