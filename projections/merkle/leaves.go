package merkle

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// LeafFile reads, in order, the leaf hashes a tree kept on disk recorded,
// without loading the tree. An audit compares them with the leaves it
// recomputes from the log: where the log was rewritten under the server,
// its own tree still holds what it saw, which names the first rewritten
// position even when no signed checkpoint can narrow it down.
type LeafFile struct {
	f *os.File
	r *bufio.Reader
}

// OpenLeafFile opens the leaves of the tree kept in dir (see New); the
// error wraps fs.ErrNotExist when there are none.
func OpenLeafFile(dir string) (*LeafFile, error) {
	f, err := os.Open(filepath.Join(dir, fmt.Sprintf("level-%02d.hashes", 0)))
	if err != nil {
		return nil, fmt.Errorf("merkle leaves: %w", err)
	}
	return &LeafFile{f: f, r: bufio.NewReaderSize(f, 1<<20)}, nil
}

// Next is the next leaf hash; ok is false past the last one on disk.
func (l *LeafFile) Next() (leaf [32]byte, ok bool) {
	if _, err := io.ReadFull(l.r, leaf[:]); err != nil {
		return leaf, false
	}
	return leaf, true
}

// Path names the file, for messages.
func (l *LeafFile) Path() string { return l.f.Name() }

// Close closes the file.
func (l *LeafFile) Close() error { return l.f.Close() }
