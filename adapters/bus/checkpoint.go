package bus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Checkpoint is how far a forwarder got into one destination: the last
// position it published there. Load may fail with an error wrapping
// ErrUnavailable while the destination is down (the forwarder waits for
// it); any other error stops the forwarder.
type Checkpoint interface {
	Load(ctx context.Context) (uint64, error)
	Save(pos uint64) error
}

// ErrUnavailable marks a destination that cannot answer yet.
var ErrUnavailable = errors.New("bus destination unavailable")

// FileCheckpoint is a one-line file in the data directory, for a
// destination that keeps nothing itself. It is written by rename, so a
// crash leaves the old or the new value, never half of one; it may lag
// what was published (it is saved about once a second), which costs at
// most a few republished events.
type FileCheckpoint struct{ path string }

// NewFileCheckpoint keeps the checkpoint in the file at path.
func NewFileCheckpoint(path string) *FileCheckpoint { return &FileCheckpoint{path: path} }

// Load answers the saved position; no file yet is position 0.
func (c *FileCheckpoint) Load(context.Context) (uint64, error) {
	b, err := os.ReadFile(c.path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read bus checkpoint: %w", err)
	}
	p, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bus checkpoint %s: %w", c.path, err)
	}
	return p, nil
}

// Save writes pos atomically: a temporary file, fsync, rename.
func (c *FileCheckpoint) Save(pos uint64) error {
	dir := filepath.Dir(c.path)
	f, err := os.CreateTemp(dir, ".bus-checkpoint-*")
	if err != nil {
		return fmt.Errorf("save bus checkpoint: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(strconv.FormatUint(pos, 10) + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("save bus checkpoint: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save bus checkpoint: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save bus checkpoint: %w", err)
	}
	if err := os.Rename(f.Name(), c.path); err != nil {
		return fmt.Errorf("save bus checkpoint: %w", err)
	}
	return nil
}
