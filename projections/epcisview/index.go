package epcisview

import (
	"github.com/traceledger/traceledger/app/query"
)

// indexWriter writes a rendered event and its index entries into the
// Apply's batch. Every entry is a key of its own (layout.go), so writing
// one never reads: only a class of a quantity list asks whether its
// identifier is already listed, through the Apply's cache.
type indexWriter struct {
	c *renderCtx
	// n is how many events were written.
	n   int
	buf []byte
	// ps are the entries of every index but the EPCs', written as
	// postings when the Apply ends (postings.go).
	ps postings
}

func newIndexWriter(c *renderCtx) *indexWriter { return &indexWriter{c: c} }

// add writes ev at row r with an entry in every index it belongs to.
func (w *indexWriter) add(ev *query.EPCISEvent, r []byte) {
	c := w.c
	w.n++
	w.buf = encodeEvent(w.buf[:0], ev)
	c.set(eventKey(r), w.buf)
	c.set(idKey(ev.EventID), r)
	st := putStamp(nil, ev.EventTime.Unix(), ev.EventTime.Nanosecond())
	c.set(timeKey(st, r), nil)
	put := func(kind, v string) {
		switch {
		case v == "":
		case kind == kindEPC:
			c.set(indexKey(kind, v, r), st)
		default:
			w.ps.add(indexPrefix(kind, v), r, st)
		}
	}
	put(kindType, ev.Type)
	put(kindStep, ev.BizStep)
	put(kindDisp, ev.Disposition)
	put(kindAction, ev.Action)
	put(kindReadPoint, ev.ReadPoint)
	put(kindBizLocation, ev.BizLocation)
	w.list(kindReadPoint, ev.ReadPoint, 'e')
	w.list(kindBizLocation, ev.BizLocation, 'e')
	for _, e := range ev.AllEPCs() {
		put(kindEPC, e)
		w.list(kindEPC, e, 'e')
	}
	for _, e := range ev.AllClasses() {
		if e == "" {
			continue
		}
		// A class is listed as one only if no instance ever named it.
		if c.get(listedKey(kindEPC, e)) == nil {
			w.list(kindEPC, e, 'c')
		}
		put(kindEPC, e)
	}
	for _, u := range ev.Enterprises {
		put(kindParty, u)
	}
	for _, b := range ev.Batches {
		k := b.GTIN + "|" + b.Lot
		put(kindBatch, k)
		for _, u := range ev.Enterprises {
			if key := partyKey(u, k); c.cache[string(key)] == nil {
				c.put(key, []byte{1})
			}
		}
	}
}

// flush writes the Apply's postings.
func (w *indexWriter) flush() { w.ps.write(w.c) }

// list records value as a listed one of kind with flag, unless the batch
// already did.
func (w *indexWriter) list(kind, value string, flag byte) {
	if value == "" {
		return
	}
	key := listedKey(kind, value)
	if v, ok := w.c.cache[string(key)]; ok && len(v) == 1 && v[0] == flag {
		return
	}
	w.c.put(key, []byte{flag})
}
