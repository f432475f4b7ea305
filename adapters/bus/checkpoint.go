package bus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Checkpoint is the forwarder's own record of the last position it
// published, a one-line file in the data directory. It is written by
// rename, so a crash leaves the old or the new value, never half of one; it
// may lag what was published (it is saved about once a second), which costs
// at most a few republished events that the pub/sub de-duplicates.
type Checkpoint struct{ path string }

// NewCheckpoint keeps the checkpoint in the file at path (e.g.
// <data>/bus.checkpoint).
func NewCheckpoint(path string) *Checkpoint { return &Checkpoint{path: path} }

// Load answers the saved position; no file yet is position 0.
func (c *Checkpoint) Load() (uint64, error) {
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
func (c *Checkpoint) Save(pos uint64) error {
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
