package directory

import (
	"encoding/json"
	"fmt"
	"io"
)

// snapshot is the directory's persisted state: encoding/json sorts the map's
// keys, so the same state always writes the same bytes.
type snapshot struct {
	Enterprises map[string]*Entry `json:"enterprises"`
}

// Snapshot writes the directory.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := json.NewEncoder(w).Encode(snapshot{Enterprises: p.entries}); err != nil {
		return fmt.Errorf("directory snapshot: %w", err)
	}
	return nil
}

// Restore replaces the directory with a snapshot's.
func (p *Projection) Restore(r io.Reader) error {
	var s snapshot
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return fmt.Errorf("directory restore: %w", err)
	}
	if s.Enterprises == nil {
		s.Enterprises = map[string]*Entry{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.entries = s.Enterprises
	return nil
}
