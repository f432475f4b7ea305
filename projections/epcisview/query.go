package epcisview

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// A query reads candidate rows from the index values of its most
// selective field (or every event when it filters by no indexed field),
// in log order from its cursor, and reads and filters each candidate
// event until its page is full: a few range scans and one read per
// candidate. In event time order it orders a few candidates by the event
// times their index entries hold, or walks the event time order of every
// event when they are many; a short event time range is read from that
// order too.

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

// estimateCap bounds how many entries are counted to compare fields'
// selectivity: past it a field is "large", and which of two large ones is
// read changes no answer, only its cost.
var estimateCap = 4096

// estimate counts the entries under prefixes, stopping at stop.
func (p *Projection) estimate(prefixes [][]byte, stop int, fail *failure) int {
	n := 0
	for _, pre := range prefixes {
		if n >= stop {
			break
		}
		fail.keep(p.m.Scan(pre, nil, false, func(key, v []byte) bool {
			if len(key) == len(pre)+rowLen {
				n += postingLen(v)
			}
			return n < stop
		}))
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
func (p *Projection) concerning(uscc string, fail *failure) [][]byte {
	out := [][]byte{indexPrefix(kindParty, uscc)}
	pre := partyKey(uscc, "")
	fail.keep(p.m.Scan(pre, nil, false, func(k, _ []byte) bool {
		out = append(out, indexPrefix(kindBatch, string(k[len(pre):])))
		return true
	}))
	return out
}

// candidates are where the rows a filter can match come from: its most
// selective indexed field, or every event.
func (p *Projection) candidates(f query.EPCISFilter, fail *failure) source {
	if len(f.EventIDs) > 0 {
		var rows [][]byte
		for _, id := range f.EventIDs {
			r, ok, err := p.m.Get(idKey(id))
			fail.keep(err)
			if ok && len(r) == rowLen {
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
		options = append(options, p.concerning(f.Concerning, fail))
	}
	switch len(options) {
	case 0:
		return source{all: true}
	case 1:
		return source{prefixes: options[0]}
	}
	// A later field is read only if it has fewer entries than the best so
	// far: counting stops there.
	best, n := 0, p.estimate(options[0], estimateCap, fail)
	for i := 1; i < len(options); i++ {
		if m := p.estimate(options[i], n, fail); m < n {
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

// stream reads one prefix's entries in chunks, in key order or its
// reverse, from a starting key: index entries (a row after the prefix,
// the event time as value), events (a row after 'e', the event as value)
// or the event time order (an event time and a row after 'T').
type stream struct {
	// src is what the stream reads: the model, or a reader the streams of
	// one query share.
	src    scanner
	prefix []byte
	from   []byte
	last   []byte
	desc   bool
	buf    []entry
	done   bool
	chunk  int
	// start, when set, is the cursor's row: entries before it (after it
	// when desc) are dropped, since a posting read from before the cursor
	// holds some.
	start []byte
	// rest is a posting read whose entries are not all in buf yet.
	rest *unread
	// fail keeps the query's read failure; a stream that fails ends.
	fail *failure
}

// scanner reads a model's keys, as modelstore.Model and Reader do.
type scanner interface {
	Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error
}

// read takes what a stream's key holds into its buffer: its row and, in
// the event time order, its event time; or an index value's posting
// (postings.go), of which it takes only what fills the chunk and keeps the
// rest unread. A key of another index value is skipped.
func (s *stream) read(k, v []byte) {
	rest := k[len(s.prefix):]
	n := len(s.buf)
	switch {
	case len(s.prefix) == 1 && s.prefix[0] == 'T':
		if len(rest) != stampLen+rowLen {
			return
		}
		st, _ := readStamp(rest[:stampLen])
		s.buf = append(s.buf, entry{row: bytes.Clone(rest[stampLen:]), stamp: st})
	case len(rest) != rowLen:
		return
	case len(s.prefix) == 1:
		s.buf = append(s.buf, entry{row: bytes.Clone(rest), event: bytes.Clone(v)})
	default:
		u, ok := readPosting(rest, v, s.desc)
		if !ok {
			return
		}
		s.buf = u.take(s.buf, s.chunk-n, s.keep)
		if !u.empty() {
			s.rest = u
		}
		return
	}
	if s.before(s.buf[n].row) {
		s.buf = s.buf[:n]
	}
}

// keep reports whether a row is at or past the stream's start in its
// direction.
func (s *stream) keep(r []byte) bool { return !s.before(r) }

// before reports whether a row comes before the stream's start in its
// direction.
func (s *stream) before(r []byte) bool {
	if s.start == nil {
		return false
	}
	c := bytes.Compare(r, s.start)
	return !s.desc && c < 0 || s.desc && c > 0
}

// fill reads the stream's next chunk into its buffer: first what is left
// of a posting read before, then the keys after the last one read.
func (s *stream) fill() {
	s.buf = s.buf[:0]
	if s.rest != nil {
		s.buf = s.rest.take(s.buf, s.chunk, s.keep)
		if s.rest.empty() {
			s.rest = nil
		}
		if len(s.buf) >= s.chunk {
			s.grow()
			return
		}
	}
	if s.done {
		return
	}
	var last []byte
	err := s.src.Scan(s.prefix, s.from, s.desc, func(k, v []byte) bool {
		if s.last != nil && bytes.Equal(k, s.last) {
			return true
		}
		last = append(last[:0], k...)
		s.read(k, v)
		return len(s.buf) < s.chunk
	})
	s.fail.keep(err)
	if len(s.buf) < s.chunk || err != nil {
		s.done = true
	}
	if last != nil {
		s.last, s.from = last, last
	}
	s.grow()
}

// grow makes the next chunk larger: a stream read past its first chunk is
// likely read further.
func (s *stream) grow() { s.chunk = min(s.chunk*4, 4096) }

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
func (p *Projection) walk(src source, after *query.EPCISCursor, desc bool, chunk int, fail *failure, fn func(entry) bool) {
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
	// Each stream reads its share of a chunk first: an enterprise's query
	// has a stream per batch it touched, and most are never read past
	// their first entries for a page.
	first := max(1, chunk/max(1, len(prefixes)))
	// The streams share one reader: its iterators are opened once, not
	// once a stream.
	rd := p.m.NewReader()
	defer func() { fail.keep(rd.Close()) }()
	streams := make([]*stream, len(prefixes))
	for i, pre := range prefixes {
		s := &stream{src: rd, prefix: pre, desc: desc, chunk: first, fail: fail}
		if start != nil {
			s.from = append(bytes.Clone(pre), start...)
			s.start = start
			if !desc && len(pre) > 1 {
				// The posting holding the cursor's row may begin before it.
				fail.keep(rd.Scan(pre, s.from, true, func(k, _ []byte) bool {
					s.from = bytes.Clone(k)
					return false
				}))
			}
		}
		streams[i] = s
	}
	m := newMerge(streams, desc)
	var prev []byte
	for !fail.failed() {
		head, ok := m.next()
		if !ok {
			return
		}
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
func (p *Projection) read(e entry, fail *failure) (query.EPCISEvent, bool) {
	b := e.event
	if b == nil {
		v, ok, err := p.m.Get(eventKey(e.row))
		if err != nil || !ok {
			fail.keep(err)
			return query.EPCISEvent{}, false
		}
		b = v
	}
	ev, err := decodeEvent(b)
	if err != nil {
		fail.keep(fmt.Errorf("the event at position %d: %w", rowPosition(e.row), err))
		return query.EPCISEvent{}, false
	}
	return ev, true
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
func (p *Projection) EPCISEvents(f query.EPCISFilter, visible func(*query.EPCISEvent) bool, limit int) ([]query.EPCISEvent, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if limit <= 0 {
		return nil, nil
	}
	fail := &failure{}
	src := p.candidates(f, fail)
	var out []query.EPCISEvent
	ok := func(e entry) bool {
		ev, found := p.read(e, fail)
		if found && matches(&ev, f) && visible(&ev) {
			out = append(out, ev)
		}
		return len(out) < limit && !fail.failed()
	}
	if f.OrderBy != "eventTime" {
		// An event time range of fewer events than the field's entries is
		// read from the event time order instead, and ordered by row.
		if !src.ids && (!f.GEEventTime.IsZero() || !f.LTEventTime.IsZero()) {
			if rows, ok := p.rowsInTime(f, fail); ok && (src.all || p.estimate(src.prefixes, len(rows)+1, fail) > len(rows)) {
				src = source{rows: rows, ids: true}
			}
		}
		p.walk(src, f.After, f.Desc, max(limit, 16), fail, func(e entry) bool {
			if e.event == nil && !src.ids && !inTimeRange(e.stamp, f) {
				return true
			}
			return ok(e)
		})
		return result(out, fail)
	}
	// Few candidates are ordered by the event times their entries hold;
	// many are met in the event time order of every event instead, which
	// a page leaves after limit hits.
	if src.all || !src.ids && p.estimate(src.prefixes, estimateCap, fail) >= estimateCap {
		p.walkByTime(f, fail, func(e entry) bool {
			return ok(e)
		})
		return result(out, fail)
	}
	var all []entry
	p.walk(src, nil, false, 4096, fail, func(e entry) bool {
		if src.ids {
			ev, found := p.read(e, fail)
			if !found {
				return true
			}
			e.stamp = stampOf(ev.EventTime.Unix(), ev.EventTime.Nanosecond())
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
	return result(out, fail)
}

// rowsInTime are the rows of the events within f's event time bounds,
// ascending; ok is false when they are estimateCap or more.
func (p *Projection) rowsInTime(f query.EPCISFilter, fail *failure) (rows [][]byte, ok bool) {
	g := query.EPCISFilter{GEEventTime: f.GEEventTime, LTEventTime: f.LTEventTime}
	ok = true
	p.walkByTime(g, fail, func(e entry) bool {
		if len(rows) >= estimateCap {
			ok = false
			return false
		}
		rows = append(rows, e.row)
		return true
	})
	slices.SortFunc(rows, bytes.Compare)
	return rows, ok
}

// walkByTime calls fn with every event in event time order (reverse when
// f.Desc), within f's event time bounds and after its cursor, until fn
// returns false.
func (p *Projection) walkByTime(f query.EPCISFilter, fail *failure, fn func(entry) bool) {
	key := func(t time.Time) []byte { return append([]byte{'T'}, putStamp(nil, t.Unix(), t.Nanosecond())...) }
	var from []byte
	if !f.Desc {
		if !f.GEEventTime.IsZero() {
			from = key(f.GEEventTime)
		}
		if f.After != nil {
			if c := append(key(f.After.Time), row(f.After.Position+1, 0)...); bytes.Compare(c, from) > 0 {
				from = c
			}
		}
	} else {
		if !f.LTEventTime.IsZero() {
			from = key(f.LTEventTime)
		}
		if f.After != nil {
			c := key(f.After.Time)
			if f.After.Position > 0 {
				c = append(c, row(f.After.Position-1, 0xff)...)
			}
			if from == nil || bytes.Compare(c, from) < 0 {
				from = c
			}
		}
	}
	s := &stream{src: p.m, prefix: timePrefix, from: from, desc: f.Desc, chunk: 64, fail: fail}
	for {
		e, ok := s.head()
		if !ok {
			return
		}
		s.buf = s.buf[1:]
		if !inTimeRange(e.stamp, f) {
			// Past the bound the walk goes towards: nothing further is in it.
			if f.Desc == (!f.GEEventTime.IsZero() && e.stamp.compare(stampOf(f.GEEventTime.Unix(), f.GEEventTime.Nanosecond())) < 0) {
				return
			}
			continue
		}
		if afterCursor(e, f) && !fn(e) {
			return
		}
	}
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
func (p *Projection) EPCISEvent(eventID string) (query.EPCISEvent, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	r, ok, err := p.m.Get(idKey(eventID))
	if err != nil {
		return query.EPCISEvent{}, false, fmt.Errorf("epcis view: %w", err)
	}
	if !ok || len(r) != rowLen {
		return query.EPCISEvent{}, false, nil
	}
	fail := &failure{}
	ev, ok := p.read(entry{row: r}, fail)
	if fail.failed() {
		return query.EPCISEvent{}, false, fmt.Errorf("epcis view: %w", fail.err)
	}
	return ev, ok && ev.EventID == eventID, nil
}

// EPCISKeys answers up to limit keys of the index of kind, ascending,
// after after ("" from the first), keeping only keys at least one of
// whose events visible accepts; the keys of EPCs are instance
// identifiers, not the classes of quantity lists.
func (p *Projection) EPCISKeys(kind query.EPCISKeyKind, after string, visible func(*query.EPCISEvent) bool, limit int) ([]string, error) {
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
		return nil, nil
	}
	pre := listedPrefix(k)
	var from []byte
	if after != "" {
		from = listedKey(k, after)
	}
	var out []string
	if limit <= 0 {
		return out, nil
	}
	fail := &failure{}
	fail.keep(p.m.Scan(pre, from, false, func(key, flag []byte) bool {
		value := string(key[len(pre):])
		if value <= after || len(flag) != 1 || flag[0] == 'c' {
			return true
		}
		seen := false
		p.walk(source{prefixes: [][]byte{indexPrefix(k, value)}}, nil, false, 16, fail, func(e entry) bool {
			ev, ok := p.read(e, fail)
			seen = ok && visible(&ev)
			return !seen
		})
		if seen {
			out = append(out, value)
		}
		return len(out) < limit && !fail.failed()
	}))
	return result(out, fail)
}
