package epcisview

import (
	"bytes"
	"container/heap"
)

// merge yields the entries of many streams in row order (its reverse when
// desc), least head first: an enterprise's query reads one stream per
// batch it touched, thousands of them in a large ledger, so the next
// entry is found in a heap of the streams' heads, not by looking at each.
type merge struct {
	streams []*stream // each with an entry buffered
	desc    bool
}

func (m *merge) Len() int { return len(m.streams) }

func (m *merge) Less(i, j int) bool {
	c := bytes.Compare(m.streams[i].buf[0].row, m.streams[j].buf[0].row)
	if m.desc {
		return c > 0
	}
	return c < 0
}

func (m *merge) Swap(i, j int) { m.streams[i], m.streams[j] = m.streams[j], m.streams[i] }

func (m *merge) Push(x any) { m.streams = append(m.streams, x.(*stream)) }

func (m *merge) Pop() any {
	last := m.streams[len(m.streams)-1]
	m.streams = m.streams[:len(m.streams)-1]
	return last
}

// newMerge reads the first entries of streams and orders them.
func newMerge(streams []*stream, desc bool) *merge {
	m := &merge{streams: make([]*stream, 0, len(streams)), desc: desc}
	for _, s := range streams {
		if _, ok := s.head(); ok {
			m.streams = append(m.streams, s)
		}
	}
	heap.Init(m)
	return m
}

// next takes the least entry of the streams; ok is false when they are
// all read.
func (m *merge) next() (e entry, ok bool) {
	if len(m.streams) == 0 {
		return entry{}, false
	}
	s := m.streams[0]
	e, s.buf = s.buf[0], s.buf[1:]
	if _, more := s.head(); more {
		heap.Fix(m, 0)
	} else {
		heap.Pop(m)
	}
	return e, true
}
