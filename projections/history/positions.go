package history

import (
	"math"
	"slices"
	"sort"
	"time"

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

// page cuts a page of a history kept in log order: at most spec.Limit
// positions (below 1: all) after the cursor spec.After in the asked order
// (newest first with spec.Desc: positions below the cursor), of events that
// occurred within [spec.From, spec.To) when those are set. Next is the
// page's last position when a further event matches, so a page is never
// cut without saying so and the last page says it is the last.
func (s *state) page(ps []uint64, spec query.PageSpec) query.PositionPage {
	lo, hi := 0, len(ps)
	switch {
	case !spec.Desc:
		lo = sort.Search(len(ps), func(i int) bool { return ps[i] > spec.After })
	case spec.After != 0:
		hi = sort.Search(len(ps), func(i int) bool { return ps[i] >= spec.After })
	}
	from, to := int64(math.MinInt64), int64(math.MaxInt64)
	filtered := !spec.From.IsZero() || !spec.To.IsZero()
	if !spec.From.IsZero() {
		from = spec.From.UnixMilli()
	}
	if !spec.To.IsZero() {
		to = spec.To.UnixMilli()
	}
	keep := func(p uint64) bool {
		if !filtered {
			return true
		}
		if p >= uint64(len(s.times)) {
			return false
		}
		t := s.times[p]
		return t >= from && t < to
	}
	pg := query.PositionPage{Positions: []uint64{}}
	full := func() bool { return spec.Limit > 0 && len(pg.Positions) == spec.Limit }
	visit := func(p uint64) bool {
		if !keep(p) {
			return true
		}
		if full() {
			pg.Next = pg.Positions[len(pg.Positions)-1]
			return false
		}
		pg.Positions = append(pg.Positions, p)
		return true
	}
	if spec.Desc {
		for i := hi - 1; i >= lo && visit(ps[i]); i-- {
		}
	} else {
		for i := lo; i < hi && visit(ps[i]); i++ {
		}
	}
	return pg
}

// at notes when the event at position pos occurred, for the time-range
// filters: positions come in increasing order, one per event.
func (s *state) at(pos uint64, occurred time.Time) {
	for uint64(len(s.times)) < pos {
		s.times = append(s.times, s.last())
	}
	ms := occurred.UnixMilli()
	if uint64(len(s.times)) == pos {
		s.times = append(s.times, ms)
		return
	}
	s.times[pos] = ms
}

func (s *state) last() int64 {
	if len(s.times) == 0 {
		return 0
	}
	return s.times[len(s.times)-1]
}
