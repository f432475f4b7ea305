package search

import (
	"encoding/json"
	"fmt"
	"io"
)

// state is the snapshot: the position the model covers. The documents are
// the index's own; they are not copied into the snapshot.
type state struct {
	Position uint64 `json:"position"`
}

func jsonMarshal(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("search: encode: %w", err)
	}
	return raw, nil
}

// Snapshot writes the position the model covers. Every Apply has already
// committed (and bleve synced) its batch, so the index holds at least that
// position when the snapshot names it.
func (p *Projection) Snapshot(w io.Writer) error {
	p.applying.Lock()
	defer p.applying.Unlock()
	if p.resetPending {
		if err := p.empty(); err != nil {
			return err
		}
	}
	raw, err := jsonMarshal(state{Position: p.position})
	if err != nil {
		return err
	}
	if _, err := w.Write(append(raw, '\n')); err != nil {
		return fmt.Errorf("search snapshot: %w", err)
	}
	return nil
}

// Restore takes the position the snapshot covers after checking the index
// against it: the index may be ahead (the runner re-applies what follows the
// snapshot, and documents are upserted), never behind, which would mean
// lost documents the runner will not apply again.
func (p *Projection) Restore(r io.Reader) error {
	var s state
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return fmt.Errorf("search restore: %w", err)
	}
	p.applying.Lock()
	defer p.applying.Unlock()
	if p.indexed < s.Position {
		return fmt.Errorf("search restore: the index in %s covers position %d, the snapshot %d: run traceledger replay --projection search",
			p.dir, p.indexed, s.Position)
	}
	p.position, p.resetPending = s.Position, false
	return nil
}
