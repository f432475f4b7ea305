package risk

import (
	"slices"
	"strings"
)

// holders are a batch's holdings, sorted by holder USCC. A batch has a few
// holders (its trade chain) and the model keeps every batch the ledger
// registered, so a sorted slice is kept rather than a map, which costs a
// few hundred bytes before it holds anything. It encodes as a JSON array in
// that order, which decodes straight into the slice: no map to build and
// sort again at a restart, where the risk model's batches are most of the
// snapshots' decoding.
type holders []*heldBy

// heldBy is one holder's units of a batch.
type heldBy struct {
	USCC string `json:"uscc"`
	Holding
}

func compareHolder(h *heldBy, uscc string) int { return strings.Compare(h.USCC, uscc) }

// get is uscc's holding, nil when it has none.
func (hs holders) get(uscc string) *Holding {
	if i, ok := slices.BinarySearchFunc(hs, uscc, compareHolder); ok {
		return &hs[i].Holding
	}
	return nil
}

// add is uscc's holding, made empty when it had none.
func (hs *holders) add(uscc string) *Holding {
	i, ok := slices.BinarySearchFunc(*hs, uscc, compareHolder)
	if !ok {
		*hs = slices.Insert(*hs, i, &heldBy{USCC: uscc})
	}
	return &(*hs)[i].Holding
}

// sorted reports whether the holders are in order with no holder twice, as
// add keeps them and a snapshot must hold them for get to find them.
func (hs holders) sorted() bool {
	for i := 1; i < len(hs); i++ {
		if hs[i-1] == nil || hs[i] == nil || hs[i-1].USCC >= hs[i].USCC {
			return false
		}
	}
	return len(hs) != 1 || hs[0] != nil
}
