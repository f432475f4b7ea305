package authstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// UsageGranularity is how precisely a token's last use is kept: the minute
// it was last used. Recording it is one map write per token and minute
// (a request in the same minute changes nothing), and the file is
// rewritten at most once per UsageGranularity.
const UsageGranularity = time.Minute

// Usage remembers when each token was last used, to the minute: in memory
// as requests authenticate, and in a file of the data directory written
// atomically (temp file, fsync, rename) every minute while something
// changed, and when the server stops. A crash loses at most the uses since
// the last write, so the last use shown is never earlier than the true one
// by more than a minute past the granularity: whoever reads "last used
// 10:41" knows the token was used at 10:41, and not after 10:43.
//
// The file is per server: replicas on one KurrentDB each know the uses
// they served (a list shows the latest any answering replica saw). Last
// use is not an event of the access log: one per token and minute would
// outgrow every grant and revocation it sits beside, for a fact that is
// operational, not a record of who had access.
type Usage struct {
	path  string
	now   func() time.Time
	mu    sync.Mutex
	last  map[string]time.Time
	dirty bool
}

// OpenUsage reads the usage file at path (none yet: nobody used a token).
func OpenUsage(path string) (*Usage, error) {
	u := &Usage{path: path, now: time.Now, last: map[string]time.Time{}}
	// A write a crash cut short left its temp file: the last complete
	// write is the file itself.
	if stale, err := filepath.Glob(path + ".*.tmp"); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return u, nil
	case err != nil:
		return nil, fmt.Errorf("read token usage: %w", err)
	}
	if err := json.Unmarshal(b, &u.last); err != nil {
		return nil, fmt.Errorf("read token usage %s: %w", path, err)
	}
	return u, nil
}

// Used records that the token with id was used now.
func (u *Usage) Used(id string) {
	at := u.now().UTC().Truncate(UsageGranularity)
	u.mu.Lock()
	defer u.mu.Unlock()
	if at.After(u.last[id]) {
		u.last[id] = at
		u.dirty = true
	}
}

// LastUsed is the minute the token with id was last used; ok is false
// when it never was (since usage has been kept).
func (u *Usage) LastUsed(id string) (at time.Time, ok bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	at, ok = u.last[id]
	return at, ok
}

// Save writes the uses to the file if any changed since the last Save.
func (u *Usage) Save() error {
	u.mu.Lock()
	if !u.dirty {
		u.mu.Unlock()
		return nil
	}
	snapshot := maps.Clone(u.last)
	u.dirty = false
	u.mu.Unlock()
	if err := writeAtomically(u.path, snapshot); err != nil {
		u.mu.Lock()
		u.dirty = true
		u.mu.Unlock()
		return err
	}
	return nil
}

// Run saves the uses every UsageGranularity until ctx ends, then once
// more; a failed save is reported and tried again at the next tick.
func (u *Usage) Run(ctx context.Context, report func(error)) {
	tick := time.NewTicker(UsageGranularity)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			if err := u.Save(); err != nil {
				report(err)
			}
			return
		case <-tick.C:
			if err := u.Save(); err != nil {
				report(err)
			}
		}
	}
}

func writeAtomically(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode token usage: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write token usage: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write token usage: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync token usage: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write token usage: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write token usage: %w", err)
	}
	return nil
}
