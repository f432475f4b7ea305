package epcisview

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

// A query reads candidate rows from the index values of its most
// selective field (or every event when it filters by no indexed field),
// in log order from its cursor, and reads and filters each candidate
// event until its page is full: a few range scans and one read per
// candidate. In event time order it reads the candidates' event times
// from the index entries, orders them, and reads events in that order.

// source is where a query's candidate rows come from.
type source struct {
	// prefixes are index values whose entries are candidates.
	prefixes [][]byte
	// rows, when ids is set, are the candidates (ascending).
	rows [][]byte
	ids  bool
	// all: every event is a candidate.
	all bool
}

// estimateCap bounds how many entries are counted to compare two fields'
// selectivity: past it a field is "large", and which of two large ones is
// read changes no answer, only its cost.
const estimateCap = 2048

// estimate counts the entries under prefixes, up to estimateCap each.
func (p *Projection) estimate(prefixes [][]byte) int {
	n := 0
	for _, pre := range prefixes {
		k := 0
		p.m.Scan(pre, nil, false, func(key, _ []byte) bool {
			if len(key) == len(pre)+rowLen {
				k++
			}
			return k < estimateCap
		})
		n += k
	}
	return n
}

func prefixesOf(kind string, vals []string) [][]byte {
	out := make([][]byte, 0, len(vals))
	for _, v := range slices.Compact(slices.Sorted(slices.Values(vals))) {
		out = append(out, indexPrefix(kind, v))
	}
	return out
}

// concerning are the index values of the rows naming uscc or moving a
// batch some event of which names it.
func (p *Projection) concerning(uscc string) [][]byte {
	out := [][]byte{indexPrefix(kindParty, uscc)}
	pre := partyKey(uscc, "")
	p.m.Scan(pre, nil, false, func(k, _ []byte) bool {
		out = append(out, indexPrefix(kindBatch, string(k[len(pre):])))
		return true
	})
	return out
}

// candidates are where the rows a filter can match come from: its most
// selective indexed field, or every event.
func (p *Projection) candidates(f query.EPCISFilter) source {
	if len(f.EventIDs) > 0 {
		var rows [][]byte
		for _, id := range f.EventIDs {
			if r, ok, err := p.m.Get(idKey(id)); err == nil && ok && len(r) == rowLen {
				rows = append(rows, r)
			}
		}
		slices.SortFunc(rows, bytes.Compare)
		return source{rows: slices.CompactFunc(rows, bytes.Equal), ids: true}
	}
	var options [][][]byte
	for _, c := range []struct {
		kind string
		vals []string
	}{
		{kindEPC, f.MatchEPC}, {kindEPC, f.MatchAnyEPC}, {kindEPC, f.MatchParentID},
		{kindEPC, f.MatchInputEPC}, {kindEPC, f.MatchOutputEPC}, {kindEPC, f.MatchEPCClass},
		{kindBizLocation, f.BizLocations}, {kindReadPoint, f.ReadPoints},
		{kindStep, f.BizSteps}, {kindDisp, f.Dispositions}, {kindType, f.EventTypes}, {kindAction, f.Actions},
	} {
		if len(c.vals) > 0 {
			options = append(options, prefixesOf(c.kind, c.vals))
		}
	}
	if f.Concerning != "" {
		options = append(options, p.concerning(f.Concerning))
	}
	switch len(options) {
	case 0:
		return source{all: true}
	case 1:
		return source{prefixes: options[0]}
	}
	best, n := 0, p.estimate(options[0])
	for i := 1; i < len(options); i++ {
		if m := p.estimate(options[i]); m < n {
			best, n = i, m
		}
	}
	return source{prefixes: options[best]}
}

// entry is a candidate: its row and, from an index entry, its event time;
// from a scan of every event, the event itself.
type entry struct {
	row   []byte
	stamp stamp
	event []byte
}

// stream reads one prefix's entries in chunks, in log order or its
// reverse, from a starting key.
type stream struct {
	p      *Projection
	prefix []byte
	from   []byte
	last   []byte
	desc   bool
	buf    []entry
	done   bool
	chunk  int
}

func (s *stream) fill() {
	s.buf = s.buf[:0]
	if s.done {
		return
	}
	var last []byte
	s.p.m.Scan(s.prefix, s.from, s.desc, func(k, v []byte) bool {
		if s.last != nil && bytes.Equal(k, s.last) {
			return true
		}
		last = k
		if len(k) != len(s.prefix)+rowLen {
			return true
		}
		e := entry{row: bytes.Clone(k[len(s.prefix):])}
		if len(s.prefix) == 1 {
			e.event = bytes.Clone(v)
		} else {
			e.stamp, _ = readStamp(v)
		}
		s.buf = append(s.buf, e)
		return len(s.buf) < s.chunk
	})
	if len(s.buf) < s.chunk {
		s.done = true
	}
	if last != nil {
		s.last = bytes.Clone(last)
		s.from = s.last
	}
	s.chunk = min(s.chunk*4, 4096)
}

func (s *stream) head() (entry, bool) {
	if len(s.buf) == 0 {
		s.fill()
	}
	if len(s.buf) == 0 {
		return entry{}, false
	}
	return s.buf[0], true
}

// walk calls fn with src's candidates in log order (reverse when desc)
// after the cursor position (none when after is nil), each row once,
// until fn returns false.
func (p *Projection) walk(src source, after *query.EPCISCursor, desc bool, chunk int, fn func(entry) bool) {
	var start []byte
	if after != nil {
		switch {
		case !desc:
			start = row(after.Position+1, 0)
		case after.Position == 0:
			return
		default:
			start = row(after.Position-1, 0xff)
		}
	}
	if src.ids {
		rows := src.rows
		if desc {
			rows = slices.Clone(rows)
			slices.Reverse(rows)
		}
		for _, r := range rows {
			if start != nil && (!desc && bytes.Compare(r, start) < 0 || desc && bytes.Compare(r, start) > 0) {
				continue
			}
			if !fn(entry{row: r}) {
				return
			}
		}
		return
	}
	prefixes := src.prefixes
	if src.all {
		prefixes = [][]byte{{'e'}}
	}
	streams := make([]*stream, len(prefixes))
	for i, pre := range prefixes {
		s := &stream{p: p, prefix: pre, desc: desc, chunk: chunk}
		if start != nil {
			s.from = append(bytes.Clone(pre), start...)
		}
		streams[i] = s
	}
	order := func(a, b []byte) int {
		if desc {
			return bytes.Compare(b, a)
		}
		return bytes.Compare(a, b)
	}
	var prev []byte
	for {
		// The streams are few (one per value asked, or per batch of an
		// enterprise): the next row is the least of their heads.
		var next *stream
		var head entry
		for _, s := range streams {
			if e, ok := s.head(); ok && (next == nil || order(e.row, head.row) < 0) {
				next, head = s, e
			}
		}
		if next == nil {
			return
		}
		next.buf = next.buf[1:]
		if prev != nil && bytes.Equal(prev, head.row) {
			continue
		}
		prev = head.row
		if !fn(head) {
			return
		}
	}
}

// read reads a candidate's event.
func (p *Projection) read(e entry) (query.EPCISEvent, bool) {
	b := e.event
	if b == nil {
		v, ok, err := p.m.Get(eventKey(e.row))
		if err != nil || !ok {
			return query.EPCISEvent{}, false
		}
		b = v
	}
	ev, err := decodeEvent(b)
	return ev, err == nil
}

// inTimeRange reports whether an event time read from an index entry can
// pass f's event time bounds (matches decides the rest).
func inTimeRange(st stamp, f query.EPCISFilter) bool {
	if !f.GEEventTime.IsZero() && st.compare(stampOf(f.GEEventTime.Unix(), f.GEEventTime.Nanosecond())) < 0 {
		return false
	}
	if !f.LTEventTime.IsZero() && st.compare(stampOf(f.LTEventTime.Unix(), f.LTEventTime.Nanosecond())) >= 0 {
		return false
	}
	return true
}

func stampOf(sec int64, nsec int) stamp { return stamp{sec: sec, nsec: int32(nsec)} }

// EPCISEvents answers up to limit matching, visible events in f's order
// after f.After. In log (record time) order it walks the candidate rows
// from the cursor and stops at limit; in event time order it orders the
// candidates by the event times their index entries hold and reads
// events in that order until limit.
func (p *Projection) EPCISEvents(f query.EPCISFilter, visible func(*query.EPCISEvent) bool, limit int) []query.EPCISEvent {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if limit <= 0 {
		return nil
	}
	src := p.candidates(f)
	var out []query.EPCISEvent
	ok := func(e entry) bool {
		ev, found := p.read(e)
		if found && matches(&ev, f) && visible(&ev) {
			out = append(out, ev)
		}
		return len(out) < limit
	}
	if f.OrderBy != "eventTime" {
		p.walk(src, f.After, f.Desc, max(limit, 16), func(e entry) bool {
			if e.event == nil && !src.ids && !inTimeRange(e.stamp, f) {
				return true
			}
			return ok(e)
		})
		return out
	}
	var all []entry
	p.walk(src, nil, false, 4096, func(e entry) bool {
		if e.event != nil || src.ids {
			ev, found := p.read(e)
			if !found {
				return true
			}
			e.stamp, e.event = stampOf(ev.EventTime.Unix(), ev.EventTime.Nanosecond()), nil
		}
		if inTimeRange(e.stamp, f) && afterCursor(e, f) {
			all = append(all, e)
		}
		return true
	})
	slices.SortFunc(all, func(a, b entry) int {
		c := a.stamp.compare(b.stamp)
		if c == 0 {
			c = bytes.Compare(a.row, b.row)
		}
		if f.Desc {
			return -c
		}
		return c
	})
	for _, e := range all {
		if !ok(e) {
			break
		}
	}
	return out
}

// afterCursor reports whether a candidate comes after the cursor in event
// time order.
func afterCursor(e entry, f query.EPCISFilter) bool {
	if f.After == nil {
		return true
	}
	c := e.stamp.compare(stampOf(f.After.Time.Unix(), f.After.Time.Nanosecond()))
	if c == 0 {
		c = cmp.Compare(rowPosition(e.row), f.After.Position)
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
	r, ok, err := p.m.Get(idKey(eventID))
	if err != nil || !ok || len(r) != rowLen {
		return query.EPCISEvent{}, false
	}
	return p.read(entry{row: r})
}

// EPCISKeys answers up to limit keys of the index of kind, ascending,
// after after ("" from the first), keeping only keys at least one of
// whose events visible accepts; the keys of EPCs are instance
// identifiers, not the classes of quantity lists.
func (p *Projection) EPCISKeys(kind query.EPCISKeyKind, after string, visible func(*query.EPCISEvent) bool, limit int) []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var k string
	switch kind {
	case query.EPCISKeyEPC:
		k = kindEPC
	case query.EPCISKeyBizLocation:
		k = kindBizLocation
	case query.EPCISKeyReadPoint:
		k = kindReadPoint
	default:
		return nil
	}
	pre := listedPrefix(k)
	var from []byte
	if after != "" {
		from = listedKey(k, after)
	}
	var out []string
	if limit <= 0 {
		return out
	}
	p.m.Scan(pre, from, false, func(key, flag []byte) bool {
		value := string(key[len(pre):])
		if value <= after || len(flag) != 1 || flag[0] == 'c' {
			return true
		}
		seen := false
		p.walk(source{prefixes: [][]byte{indexPrefix(k, value)}}, nil, false, 16, func(e entry) bool {
			ev, ok := p.read(e)
			seen = ok && visible(&ev)
			return !seen
		})
		if seen {
			out = append(out, value)
		}
		return len(out) < limit
	})
	return out
}
