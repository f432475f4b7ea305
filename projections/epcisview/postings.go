package epcisview

import (
	"bytes"
	"io"
	"slices"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// An index value's entries are written as postings: one key per value and
// Apply, under the first row the Apply gives that value, whose value is
// that row's event time followed by every further row of the Apply and
// its event time, ascending:
//
//	i 0 <kind> 0 <value> 0 <first row>  ->  <stamp> (<row> <stamp>)*
//
// A value named once in an Apply is a posting of one entry: its key is
// the entry's row and its value the event time. An Apply of 4,096 events
// names the same event type, step, disposition, location or party
// thousands of times, and one key for all of them keeps the store from
// writing, and compacting, a key per entry. Postings of successive Applies
// cover successive ranges of rows, so entries read in key order are in
// row order. EPCs, named by few events each, are written one entry a key.

const entryLen = rowLen + stampLen

// posting is one value's entries of an Apply.
type posting struct {
	first []byte
	last  []byte
	value []byte
}

// postings gathers an Apply's index entries by value.
type postings struct {
	byValue map[string]*posting
	order   []string
}

func (ps *postings) add(prefix []byte, r, st []byte) {
	if ps.byValue == nil {
		ps.byValue = map[string]*posting{}
	}
	p := ps.byValue[string(prefix)]
	switch {
	case p == nil:
		p = &posting{first: r, last: r, value: append(make([]byte, 0, 4*entryLen), st...)}
		ps.byValue[string(prefix)] = p
		ps.order = append(ps.order, string(prefix))
	case bytes.Equal(p.last, r):
		// An event naming the value twice is one entry.
	default:
		p.value = append(append(p.value, r...), st...)
		p.last = r
	}
}

// write sets every posting in the batch.
func (ps *postings) write(c *renderCtx) {
	for _, prefix := range ps.order {
		p := ps.byValue[prefix]
		c.set(append([]byte(prefix), p.first...), p.value)
	}
}

// unread is a posting's entries not yet taken, taken in row order or its
// reverse: a query that needs one entry of a stream decodes one, however
// many the posting holds.
type unread struct {
	own         []byte // the posting's first row, then its value: a copy
	next, total int
	desc        bool
}

// readPosting starts reading a posting; ok is false for a value of another
// length than a posting's. value may be a store's buffer, valid only
// during a scan: the posting is copied once, and its entries' rows share
// the copy.
func readPosting(first, value []byte, desc bool) (u *unread, ok bool) {
	if len(first) != rowLen || len(value) < stampLen || (len(value)-stampLen)%entryLen != 0 {
		return nil, false
	}
	own := append(append(make([]byte, 0, rowLen+len(value)), first...), value...)
	return &unread{own: own, total: 1 + (len(value)-stampLen)/entryLen, desc: desc}, true
}

// at is the posting's entry i in row order.
func (u *unread) at(i int) entry {
	if i == 0 {
		st, _ := readStamp(u.own[rowLen:][:stampLen])
		return entry{row: u.own[:rowLen:rowLen], stamp: st}
	}
	e := u.own[rowLen+stampLen+(i-1)*entryLen:][:entryLen:entryLen]
	st, _ := readStamp(e[rowLen:])
	return entry{row: e[:rowLen:rowLen], stamp: st}
}

// take appends to dst up to n of the entries left whose rows keep accepts
// (every one when keep is nil).
func (u *unread) take(dst []entry, n int, keep func(row []byte) bool) []entry {
	for ; u.next < u.total && n > 0; u.next++ {
		i := u.next
		if u.desc {
			i = u.total - 1 - u.next
		}
		if e := u.at(i); keep == nil || keep(e.row) {
			dst = append(dst, e)
			n--
		}
	}
	return dst
}

// empty reports whether every entry was taken.
func (u *unread) empty() bool { return u.next >= u.total }

// postingEntries appends all of a posting's entries to dst, in row order or
// its reverse; ok is false for a value of another length than a posting's.
func postingEntries(dst []entry, first, value []byte, desc bool) ([]entry, bool) {
	u, ok := readPosting(first, value, desc)
	if !ok {
		return dst, false
	}
	return u.take(slices.Grow(dst, u.total), u.total, nil), true
}

// postingLen is how many entries a posting's value holds.
func postingLen(value []byte) int {
	if len(value) < stampLen {
		return 0
	}
	return 1 + (len(value)-stampLen)/entryLen
}

// dump writes every key and value of the model as Dump does, with each
// posting as the entries it holds, one key each: the same state dumps the
// same lines whatever the Applies that built it.
func (p *Projection) dump(w io.Writer) error {
	var err error
	line := func(k, v []byte) bool {
		err = modelstore.DumpLine(w, k, v)
		return err == nil
	}
	scanErr := p.m.Scan(nil, nil, false, func(k, v []byte) bool {
		if k[0] != 'i' || len(v) <= stampLen || len(k) < rowLen {
			return line(k, v)
		}
		prefix := k[:len(k)-rowLen]
		es, ok := postingEntries(nil, k[len(prefix):], v, false)
		if !ok {
			return line(k, v)
		}
		for _, e := range es {
			if !line(append(bytes.Clone(prefix), e.row...), putStamp(nil, e.stamp.sec, int(e.stamp.nsec))) {
				return false
			}
		}
		return true
	})
	if scanErr != nil {
		return scanErr
	}
	return err
}
