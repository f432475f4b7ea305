package runner

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sync"
)

// JSONModel is the shared half of a read model whose state is one value of
// type S, snapshotted as JSON. It holds the state behind an RWMutex and
// implements Name, Apply, Snapshot, Restore and Reset; the projection
// embeds it and supplies only its fold and its queries:
//
//	p := &Projection{}
//	p.JSONModel = runner.NewJSONModel("directory", newState, p.apply)
//
// The fold reads and writes p.State(); Apply calls it under the write lock,
// once per envelope whose event this build knows, so queries holding RLock
// see the model at a batch boundary.
type JSONModel[S any] struct {
	name     string
	empty    func() *S
	fold     func(env *Envelope)
	restored func(s *S) error
	mu       sync.RWMutex
	s        *S
}

// NewJSONModel returns a model named name (the snapshot file and metrics
// label) starting from empty(), which must return a state whose maps are
// made. fold applies one envelope to State().
func NewJSONModel[S any](name string, empty func() *S, fold func(env *Envelope)) JSONModel[S] {
	return JSONModel[S]{name: name, empty: empty, fold: fold, s: empty()}
}

// OnRestore sets a check that a restored state must pass before it
// replaces the model's, and that may rebuild indexes the snapshot leaves
// out (fields without a JSON name).
func (m *JSONModel[S]) OnRestore(check func(s *S) error) { m.restored = check }

// Name names the snapshot file and the metrics label.
func (m *JSONModel[S]) Name() string { return m.name }

// State is the model's state. The fold uses it under Apply's lock, queries
// between RLock and RUnlock.
func (m *JSONModel[S]) State() *S { return m.s }

// RLock holds the state still for a query.
func (m *JSONModel[S]) RLock() { m.mu.RLock() }

// RUnlock ends a query begun with RLock.
func (m *JSONModel[S]) RUnlock() { m.mu.RUnlock() }

// Reset empties the model for a rebuild.
func (m *JSONModel[S]) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.s = m.empty()
}

// Apply folds a batch in log order under one write lock. An envelope of a
// type unknown to this build (nil Event) is skipped.
func (m *JSONModel[S]) Apply(batch []Envelope) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range batch {
		if batch[i].Event != nil {
			m.fold(&batch[i])
		}
	}
	return nil
}

// Snapshot writes the state as one JSON document (see WriteJSON).
func (m *JSONModel[S]) Snapshot(w io.Writer) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if err := WriteJSON(w, m.s); err != nil {
		return fmt.Errorf("%s snapshot: %w", m.name, err)
	}
	return nil
}

// Restore replaces the state with a snapshot's. A map the snapshot leaves
// out or writes as null comes back empty, not nil, so the fold can write
// into it.
func (m *JSONModel[S]) Restore(r io.Reader) error {
	s := m.empty()
	if err := json.NewDecoder(r).Decode(s); err != nil {
		return fmt.Errorf("%s restore: %w", m.name, err)
	}
	makeMaps(reflect.ValueOf(s).Elem(), reflect.ValueOf(m.empty()).Elem())
	if m.restored != nil {
		if err := m.restored(s); err != nil {
			return fmt.Errorf("%s restore: %w", m.name, err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.s = s
	return nil
}

// makeMaps sets every nil map field of the struct v to the same field of
// the empty state e.
func makeMaps(v, e reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Map && f.IsNil() && f.CanSet() {
			f.Set(e.Field(i))
		}
	}
}
