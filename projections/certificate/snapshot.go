package certificate

import (
	"encoding/json"
	"fmt"
	"io"
)

// snapshot is the model's persisted state: encoding/json sorts the map's
// keys, so the same state always writes the same bytes.
type snapshot struct {
	Products map[string]*entry `json:"products"`
}

// Snapshot writes the model.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if err := json.NewEncoder(w).Encode(snapshot{Products: p.products}); err != nil {
		return fmt.Errorf("certificate snapshot: %w", err)
	}
	return nil
}

// Restore replaces the model with a snapshot's.
func (p *Projection) Restore(r io.Reader) error {
	var s snapshot
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return fmt.Errorf("certificate restore: %w", err)
	}
	if s.Products == nil {
		s.Products = map[string]*entry{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.products = s.Products
	return nil
}
