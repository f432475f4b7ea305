// Package unitstate is where every unit of a batch is now and the moves that
// took it there: the read side's copy of domain/batch's fold, kept compact
// (holders as small numbers, items as parallel slices) so that a million
// items fit in memory. The trace model (projections/trace) keeps the same
// fold on disk, row by row, so that memory does not grow with units; its
// tests fold random events into both and compare every answer, so this
// in-memory fold is the reference the on-disk one is held to. The move
// kinds and time stamps here are the trace model's too.
package unitstate

import (
	"encoding/json"
	"fmt"
)

// Holder is an enterprise interned to a small number: items and moves keep
// four bytes instead of an 18-character USCC each.
type Holder uint32

// Holders interns USCCs. Numbers are given in order of first appearance, so
// the same log gives the same numbers and snapshots stay deterministic.
type Holders struct {
	list  []string
	index map[string]Holder
}

// NewHolders returns an empty table.
func NewHolders() *Holders { return &Holders{index: map[string]Holder{}} }

// ID returns uscc's number, assigning the next one on first sight.
func (h *Holders) ID(uscc string) Holder {
	if id, ok := h.index[uscc]; ok {
		return id
	}
	id := Holder(len(h.list))
	h.list = append(h.list, uscc)
	h.index[uscc] = id
	return id
}

// Lookup returns uscc's number without assigning one.
func (h *Holders) Lookup(uscc string) (Holder, bool) {
	id, ok := h.index[uscc]
	return id, ok
}

// USCC returns the enterprise a number stands for ("" when unknown).
func (h *Holders) USCC(id Holder) string {
	if int(id) < len(h.list) {
		return h.list[id]
	}
	return ""
}

// Len is how many enterprises are interned.
func (h *Holders) Len() int { return len(h.list) }

// MarshalJSON writes the table as the list of USCCs in number order.
func (h *Holders) MarshalJSON() ([]byte, error) {
	if h.list == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(h.list)
}

// UnmarshalJSON reads the list back and rebuilds the index.
func (h *Holders) UnmarshalJSON(b []byte) error {
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("holders: %w", err)
	}
	h.list, h.index = list, make(map[string]Holder, len(list))
	for i, u := range list {
		if _, dup := h.index[u]; dup {
			return fmt.Errorf("holders: %s listed twice", u)
		}
		h.index[u] = Holder(i)
	}
	return nil
}
