package subscription

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Checkpoints keeps each subscription's position, one small file per
// subscription in one directory. A file is replaced by rename after an
// fsync, so a crash leaves the old or the new position, never half of one.
type Checkpoints struct{ dir string }

// OpenCheckpoints keeps checkpoints in dir, creating it.
func OpenCheckpoints(dir string) (*Checkpoints, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("subscription checkpoints: %w", err)
	}
	return &Checkpoints{dir: dir}, nil
}

func (c *Checkpoints) path(id string) string { return filepath.Join(c.dir, id+".checkpoint") }

// Load answers the position subscription id has delivered through; ok is
// false when it has none yet.
func (c *Checkpoints) Load(id string) (pos uint64, ok bool, err error) {
	if !safeID(id) {
		return 0, false, fmt.Errorf("subscription checkpoint: bad id %q", id)
	}
	b, err := os.ReadFile(c.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read subscription checkpoint: %w", err)
	}
	pos, err = strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("subscription checkpoint %s: %w", id, err)
	}
	return pos, true, nil
}

// Save records that subscription id has delivered through pos.
func (c *Checkpoints) Save(id string, pos uint64) error {
	if !safeID(id) {
		return fmt.Errorf("subscription checkpoint: bad id %q", id)
	}
	f, err := os.CreateTemp(c.dir, ".checkpoint-*")
	if err != nil {
		return fmt.Errorf("save subscription checkpoint: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(strconv.FormatUint(pos, 10) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.path(id))
	}
	if err != nil {
		return fmt.Errorf("save subscription checkpoint %s: %w", id, err)
	}
	return nil
}

// safeID admits the ids the ledger gives (UUIDs): letters, digits and
// dashes, so an id never names a path outside the directory.
func safeID(id string) bool {
	return id != "" && len(id) <= 64 && !strings.ContainsFunc(id, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	})
}
