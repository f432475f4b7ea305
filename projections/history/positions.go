package history

import (
	"slices"
	"sort"

	"github.com/traceledger/traceledger/app/query"
)

// appendPos adds position p to a list kept in log order. An event naming
// the same key twice (a shipment from and to one enterprise, say) adds it
// once: positions arrive in increasing order, so a repeat is the last one.
func appendPos(ps []uint64, p uint64) []uint64 {
	if n := len(ps); n > 0 && ps[n-1] >= p {
		return ps
	}
	if len(ps) == cap(ps) && len(ps) < 8 {
		// Most keys have a handful of events: grow by two, not by doubling,
		// so a million items do not carry a million half-empty arrays.
		grown := make([]uint64, len(ps), len(ps)+2)
		copy(grown, ps)
		ps = grown
	}
	return append(ps, p)
}

// addHolder adds an enterprise to a set kept sorted, so membership is a
// binary search even for products held by thousands of shops.
func addHolder(hs []uint32, e uint32) []uint32 {
	if e == 0 {
		return hs
	}
	i, found := slices.BinarySearch(hs, e)
	if found {
		return hs
	}
	return slices.Insert(hs, i, e)
}

func holds(hs []uint32, e uint32) bool {
	_, found := slices.BinarySearch(hs, e)
	return e != 0 && found
}

// merge returns the union of two lists in log order.
func merge(a, b []uint64) []uint64 {
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var p uint64
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			p, i = a[i], i+1
		case i == len(a) || b[j] < a[i]:
			p, j = b[j], j+1
		default:
			p, i, j = a[i], i+1, j+1
		}
		out = append(out, p)
	}
	return out
}

// page cuts a page of at most limit positions after position after; a
// limit below 1 means all of them.
func page(ps []uint64, after uint64, limit int) query.PositionPage {
	i := sort.Search(len(ps), func(i int) bool { return ps[i] > after })
	j := len(ps)
	if limit > 0 && i+limit < j {
		j = i + limit
	}
	pg := query.PositionPage{Positions: slices.Clone(ps[i:j])}
	if pg.Positions == nil {
		pg.Positions = []uint64{}
	}
	if j < len(ps) {
		pg.Next = ps[j-1]
	}
	return pg
}
