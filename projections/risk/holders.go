package risk

import (
	"encoding/json"
	"slices"
	"strings"
)

// holders are a batch's holdings, sorted by holder USCC. A batch has a few
// holders (its trade chain) and the model keeps every batch the ledger
// registered, so a sorted slice is kept rather than a map, which costs a
// few hundred bytes before it holds anything. The JSON is the map's, so the
// snapshot's bytes are as before.
type holders []*heldBy

// heldBy is one holder's units of a batch.
type heldBy struct {
	uscc string
	h    Holding
}

func compareHolder(h *heldBy, uscc string) int { return strings.Compare(h.uscc, uscc) }

// get is uscc's holding, nil when it has none.
func (hs holders) get(uscc string) *Holding {
	if i, ok := slices.BinarySearchFunc(hs, uscc, compareHolder); ok {
		return &hs[i].h
	}
	return nil
}

// add is uscc's holding, made empty when it had none.
func (hs *holders) add(uscc string) *Holding {
	i, ok := slices.BinarySearchFunc(*hs, uscc, compareHolder)
	if !ok {
		*hs = slices.Insert(*hs, i, &heldBy{uscc: uscc})
	}
	return &(*hs)[i].h
}

// MarshalJSON writes the object {uscc: holding}: the map's own encoding,
// keys sorted.
func (hs holders) MarshalJSON() ([]byte, error) {
	m := make(map[string]*Holding, len(hs))
	for _, h := range hs {
		m[h.uscc] = &h.h
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (hs *holders) UnmarshalJSON(b []byte) error {
	var m map[string]*Holding
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	out := make(holders, 0, len(m))
	for u, h := range m {
		e := &heldBy{uscc: u}
		if h != nil {
			e.h = *h
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *heldBy) int { return strings.Compare(a.uscc, b.uscc) })
	*hs = out
	return nil
}
