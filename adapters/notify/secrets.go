package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Secrets is the webhook secrets store: a JSON object {uscc: secret} in a
// file readable by the server's user only, rewritten whole by rename on
// each change. Registrations are rare (thousands, not millions), so a file
// beats a database here; the whole map stays in memory.
type Secrets struct {
	path string
	mu   sync.RWMutex
	m    map[string]string
}

// OpenSecrets loads the store at path (e.g. <data>/webhooks.json); no file
// yet is an empty store.
func OpenSecrets(path string) (*Secrets, error) {
	s := &Secrets{path: path, m: map[string]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open webhook secrets: %w", err)
	}
	if err := json.Unmarshal(b, &s.m); err != nil {
		return nil, fmt.Errorf("webhook secrets %s: %w", path, err)
	}
	return s, nil
}

// Save keeps uscc's secret; its signature matches
// command.Options.OnWebhookSecret.
func (s *Secrets) Save(ctx context.Context, uscc, secret string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := make(map[string]string, len(s.m)+1)
	for k, v := range s.m {
		next[k] = v
	}
	next[uscc] = secret
	if err := writeFile(s.path, next); err != nil {
		return fmt.Errorf("save webhook secret: %w", err)
	}
	s.m = next
	return nil
}

// Secret answers uscc's secret.
func (s *Secrets) Secret(uscc string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[uscc]
	return v, ok
}

// writeFile writes m to path atomically with mode 0600.
func writeFile(path string, m map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".webhooks-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
