package epcisview

import (
	"cmp"
	"container/heap"
	"slices"
	"sort"

	"github.com/traceledger/traceledger/app/query"
)

// index lists, for each value a query filters on, the rows (indexes into
// state.Events, ascending: log order) whose event has it.
type index struct {
	byID                              map[string]int
	byType, byStep, byDisp, byAction  map[string][]int
	byReadPoint, byBizLocation, byEPC map[string][]int
	// byParty lists the rows naming an enterprise, byBatch the rows moving
	// a batch, and parties the enterprises any event of a batch names.
	byParty, byBatch map[string][]int
	parties          map[string]map[string]bool
	// classes are the keys of byEPC that only ever came from a quantity
	// list's class: /epcis/epcs lists instance identifiers only.
	classes map[string]bool
}

func newIndex() *index {
	return &index{byID: map[string]int{}, byType: map[string][]int{}, byStep: map[string][]int{},
		byDisp: map[string][]int{}, byAction: map[string][]int{}, byReadPoint: map[string][]int{},
		byBizLocation: map[string][]int{}, byEPC: map[string][]int{},
		byParty: map[string][]int{}, byBatch: map[string][]int{}, parties: map[string]map[string]bool{},
		classes: map[string]bool{}}
}

func (ix *index) add(ev *query.EPCISEvent, row int) {
	ix.byID[ev.EventID] = row
	put := func(m map[string][]int, k string) {
		if k == "" {
			return
		}
		if l := m[k]; len(l) == 0 || l[len(l)-1] != row {
			m[k] = append(l, row)
		}
	}
	put(ix.byType, ev.Type)
	put(ix.byStep, ev.BizStep)
	put(ix.byDisp, ev.Disposition)
	put(ix.byAction, ev.Action)
	put(ix.byReadPoint, ev.ReadPoint)
	put(ix.byBizLocation, ev.BizLocation)
	for _, e := range ev.AllEPCs() {
		put(ix.byEPC, e)
		delete(ix.classes, e)
	}
	for _, e := range ev.AllClasses() {
		if _, seen := ix.byEPC[e]; !seen {
			ix.classes[e] = true
		}
		put(ix.byEPC, e)
	}
	for _, u := range ev.Enterprises {
		put(ix.byParty, u)
	}
	for _, b := range ev.Batches {
		k := b.GTIN + "|" + b.Lot
		put(ix.byBatch, k)
		ps := ix.parties[k]
		if ps == nil {
			ps = map[string]bool{}
			ix.parties[k] = ps
		}
		for _, u := range ev.Enterprises {
			ps[u] = true
		}
	}
}

// concerning are the rows naming uscc or moving a batch whose events name
// it, ascending.
func (ix *index) concerning(uscc string) []int {
	rows := slices.Clone(ix.byParty[uscc])
	for k, ps := range ix.parties {
		if ps[uscc] {
			rows = append(rows, ix.byBatch[k]...)
		}
	}
	slices.Sort(rows)
	return slices.Compact(rows)
}

// candidates are the rows a filter can match, ascending, from its most
// selective indexed field; nil with all=true when no field is indexed.
func (ix *index) candidates(f query.EPCISFilter) (rows []int, all bool) {
	best, found := -1, false
	consider := func(m map[string][]int, vals []string) {
		if len(vals) == 0 {
			return
		}
		n := 0
		for _, v := range vals {
			n += len(m[v])
		}
		if !found || n < best {
			best, found = n, true
			rows = union(m, vals)
		}
	}
	if len(f.EventIDs) > 0 {
		for _, id := range f.EventIDs {
			if r, ok := ix.byID[id]; ok {
				rows = append(rows, r)
			}
		}
		slices.Sort(rows)
		return slices.Compact(rows), false
	}
	for _, c := range []struct {
		m    map[string][]int
		vals []string
	}{
		{ix.byEPC, f.MatchEPC}, {ix.byEPC, f.MatchAnyEPC}, {ix.byEPC, f.MatchParentID},
		{ix.byEPC, f.MatchInputEPC}, {ix.byEPC, f.MatchOutputEPC}, {ix.byEPC, f.MatchEPCClass},
		{ix.byBizLocation, f.BizLocations}, {ix.byReadPoint, f.ReadPoints},
		{ix.byStep, f.BizSteps}, {ix.byDisp, f.Dispositions}, {ix.byType, f.EventTypes}, {ix.byAction, f.Actions},
	} {
		consider(c.m, c.vals)
	}
	if f.Concerning != "" {
		if c := ix.concerning(f.Concerning); !found || len(c) < best {
			return c, false
		}
	}
	return rows, !found
}

func union(m map[string][]int, vals []string) []int {
	if len(vals) == 1 {
		return m[vals[0]]
	}
	var out []int
	for _, v := range vals {
		out = append(out, m[v]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// matches applies every field of f to ev.
func matches(ev *query.EPCISEvent, f query.EPCISFilter) bool {
	in := func(vals []string, v string) bool { return len(vals) == 0 || slices.Contains(vals, v) }
	anyOf := func(vals, have []string) bool {
		if len(vals) == 0 {
			return true
		}
		for _, h := range have {
			if slices.Contains(vals, h) {
				return true
			}
		}
		return false
	}
	switch {
	case !in(f.EventTypes, ev.Type), !in(f.Actions, ev.Action), !in(f.BizSteps, ev.BizStep),
		!in(f.Dispositions, ev.Disposition), !in(f.ReadPoints, ev.ReadPoint),
		!in(f.BizLocations, ev.BizLocation), !in(f.EventIDs, ev.EventID):
		return false
	case !f.GEEventTime.IsZero() && ev.EventTime.Before(f.GEEventTime),
		!f.LTEventTime.IsZero() && !ev.EventTime.Before(f.LTEventTime),
		!f.GERecordTime.IsZero() && ev.RecordTime.Before(f.GERecordTime),
		!f.LTRecordTime.IsZero() && !ev.RecordTime.Before(f.LTRecordTime):
		return false
	case !anyOf(f.MatchEPC, ev.EPCs), !anyOf(f.MatchInputEPC, ev.InputEPCs), !anyOf(f.MatchOutputEPC, ev.OutputEPCs),
		len(f.MatchParentID) > 0 && !slices.Contains(f.MatchParentID, ev.ParentID):
		return false
	// The lists of every identifier are built only when a filter asks.
	case len(f.MatchAnyEPC) > 0 && !anyOf(f.MatchAnyEPC, ev.AllEPCs()),
		len(f.MatchEPCClass) > 0 && !anyOf(f.MatchEPCClass, ev.AllClasses()):
		return false
	}
	return true
}

// EPCISEvents answers up to limit matching, visible events in f's order
// after f.After. In log (record time) order it walks the candidate rows
// from the cursor and stops at limit; in event time order it sorts the
// matches.
func (p *Projection) EPCISEvents(f query.EPCISFilter, visible func(*query.EPCISEvent) bool, limit int) []query.EPCISEvent {
	p.mu.RLock()
	defer p.mu.RUnlock()
	rows, all := p.ix.candidates(f)
	n := len(rows)
	if all {
		n = len(p.s.Events)
	}
	row := func(i int) int {
		if all {
			return i
		}
		return rows[i]
	}
	ok := func(r int) bool { ev := &p.s.Events[r]; return matches(ev, f) && visible(ev) }
	var out []query.EPCISEvent
	if f.OrderBy != "eventTime" {
		// Rows ascend with position: start right after the cursor.
		start := 0
		if f.After != nil {
			start = sort.Search(n, func(i int) bool { return p.s.Events[row(i)].Position > f.After.Position })
			if f.Desc {
				start = sort.Search(n, func(i int) bool { return p.s.Events[row(i)].Position >= f.After.Position }) - 1
			}
		} else if f.Desc {
			start = n - 1
		}
		step := 1
		if f.Desc {
			step = -1
		}
		for i := start; i >= 0 && i < n && len(out) < limit; i += step {
			if r := row(i); ok(r) {
				out = append(out, p.s.Events[r])
			}
		}
		return out
	}
	// Keep only the first limit hits in event time order: a bounded heap
	// whose root is the last kept, so a page costs O(n log limit), not a
	// sort of every match.
	less := func(a, b int) bool {
		c := compareByEventTime(&p.s.Events[a], &p.s.Events[b])
		if f.Desc {
			return c > 0
		}
		return c < 0
	}
	top := &firstHits{less: less}
	for i := 0; i < n; i++ {
		if r := row(i); ok(r) && after(&p.s.Events[r], f) {
			top.offer(r, limit)
		}
	}
	slices.SortFunc(top.rows, func(a, b int) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
	for _, r := range top.rows {
		out = append(out, p.s.Events[r])
	}
	return out
}

// firstHits keeps the first rows under less, at most limit of them, as a
// heap whose root is the last of those kept.
type firstHits struct {
	rows []int
	less func(a, b int) bool
}

func (h *firstHits) Len() int           { return len(h.rows) }
func (h *firstHits) Less(i, j int) bool { return h.less(h.rows[j], h.rows[i]) }
func (h *firstHits) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *firstHits) Push(x any)         { h.rows = append(h.rows, x.(int)) }
func (h *firstHits) Pop() any {
	x := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return x
}

// offer keeps r if it comes before the last row kept, or fewer than limit
// are kept.
func (h *firstHits) offer(r, limit int) {
	switch {
	case limit <= 0:
	case len(h.rows) < limit:
		heap.Push(h, r)
	case h.less(r, h.rows[0]):
		h.rows[0] = r
		heap.Fix(h, 0)
	}
}

func compareByEventTime(a, b *query.EPCISEvent) int {
	if c := a.EventTime.Compare(b.EventTime); c != 0 {
		return c
	}
	return cmp.Compare(a.Position, b.Position)
}

// after reports whether ev comes after the cursor in event time order.
func after(ev *query.EPCISEvent, f query.EPCISFilter) bool {
	if f.After == nil {
		return true
	}
	c := ev.EventTime.Compare(f.After.Time)
	if c == 0 {
		c = cmp.Compare(ev.Position, f.After.Position)
	}
	if f.Desc {
		return c < 0
	}
	return c > 0
}

// EPCISEvent is the event with that hash id.
func (p *Projection) EPCISEvent(eventID string) (query.EPCISEvent, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	r, ok := p.ix.byID[eventID]
	if !ok {
		return query.EPCISEvent{}, false
	}
	return p.s.Events[r], true
}

// EPCISKeys answers up to limit keys of the index of kind, ascending,
// after after ("" from the first), keeping only keys at least one of
// whose events visible accepts; the keys of EPCs are instance
// identifiers, not the classes of quantity lists.
func (p *Projection) EPCISKeys(kind query.EPCISKeyKind, after string, visible func(*query.EPCISEvent) bool, limit int) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var m map[string][]int
	switch kind {
	case query.EPCISKeyEPC:
		m = p.ix.byEPC
	case query.EPCISKeyBizLocation:
		m = p.ix.byBizLocation
	case query.EPCISKeyReadPoint:
		m = p.ix.byReadPoint
	default:
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if k > after && !(kind == query.EPCISKeyEPC && p.ix.classes[k]) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		if len(out) >= limit {
			break
		}
		if slices.ContainsFunc(m[k], func(r int) bool { return visible(&p.s.Events[r]) }) {
			out = append(out, k)
		}
	}
	return out
}
