package history

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/traceledger/traceledger/app/query"
)

// A long history (an enterprise's, a batch's, a product's) is stored in
// chunks of up to chunkLen events rather than one key per event: writing a
// key costs the LSM far more than a few bytes more in a value, and a busy
// importer gains hundreds of events per batch of the log. The open chunk
// lives under the history's prefix followed by headPos; once full it is
// sealed under the prefix followed by its last position, so the chunks sort
// in log order and a page is one range scan from the chunk holding the
// cursor. A chunk's value is, per event, the position's delta from the
// previous one (uvarint) and the time's (varint, Unix milliseconds).
const chunkLen = 128

// headPos is the key of a history's open chunk: after every sealed one.
const headPos = math.MaxUint64

func encodeChunk(es []stamped) []byte {
	out := make([]byte, 0, 6*len(es))
	var pos uint64
	var ms int64
	for _, e := range es {
		out = binary.AppendUvarint(out, e.pos-pos)
		out = binary.AppendVarint(out, e.ms-ms)
		pos, ms = e.pos, e.ms
	}
	return out
}

var errBadChunk = errors.New("a history chunk does not decode")

func decodeChunk(v []byte) ([]stamped, error) {
	var out []stamped
	var pos uint64
	var ms int64
	for len(v) > 0 {
		d, n := binary.Uvarint(v)
		if n <= 0 {
			return nil, errBadChunk
		}
		v = v[n:]
		t, m := binary.Varint(v)
		if m <= 0 {
			return nil, errBadChunk
		}
		v = v[m:]
		pos, ms = pos+d, ms+t
		out = append(out, stamped{pos: pos, ms: ms})
	}
	return out, nil
}

// chunked is one Apply's view of a long history: its open chunk, read once.
type chunked struct {
	head  []stamped
	last  uint64 // the last position listed, sealed or not
	dirty bool
}

// addChunked adds the event being folded at pos to the long history under
// prefix. An event naming the same key twice (a shipment from and to one
// enterprise, say) is listed once.
func (t *tx) addChunked(prefix []byte, pos uint64) {
	if t.track != nil {
		t.track.history(prefix)
	}
	c := t.chunks[string(prefix)]
	if c == nil {
		c = &chunked{}
		v, ok, err := t.r.Get(withPos(prefix, headPos))
		t.fail(err)
		if ok {
			c.head, err = decodeChunk(v)
			t.fail(err)
		}
		if n := len(c.head); n > 0 {
			c.last = c.head[n-1].pos
		}
		t.chunks[string(prefix)] = c
	}
	if c.last >= pos {
		return
	}
	c.last = pos
	c.head = append(c.head, stamped{pos: pos, ms: t.when})
	c.dirty = true
	if len(c.head) == chunkLen {
		t.set(withPos(prefix, pos), encodeChunk(c.head))
		c.head = c.head[:0]
	}
}

// flushChunks writes the open chunks the Apply changed; an empty one is no
// key, so the same log leaves the same keys however it was batched.
func (t *tx) flushChunks() {
	for prefix, c := range t.chunks {
		if !c.dirty {
			continue
		}
		key := withPos([]byte(prefix), headPos)
		if len(c.head) == 0 {
			t.fail(t.b.Delete(key))
			continue
		}
		t.set(key, encodeChunk(c.head))
	}
}

// chunkPage reads a page of the long history under prefix (see pager):
// forward from the chunk holding the first position after the cursor, or
// backward from the chunk holding the last one before it.
func chunkPage(s scanner, prefix []byte, spec query.PageSpec) (query.PositionPage, error) {
	pg := newPager(spec)
	var err error
	visit := func(_, v []byte) bool {
		var es []stamped
		if es, err = decodeChunk(v); err != nil {
			return false
		}
		if spec.Desc {
			for i := len(es) - 1; i >= 0; i-- {
				if spec.After != 0 && es[i].pos >= spec.After {
					continue
				}
				if !pg.visit(es[i].pos, es[i].ms) {
					return false
				}
			}
			return true
		}
		for _, e := range es {
			if e.pos <= spec.After {
				continue
			}
			if !pg.visit(e.pos, e.ms) {
				return false
			}
		}
		return true
	}
	var from []byte
	switch {
	case !spec.Desc && spec.After == headPos:
		return pg.pg, nil
	case !spec.Desc && spec.After > 0:
		// The first chunk whose last position is past the cursor.
		from = withPos(prefix, spec.After+1)
	case spec.Desc && spec.After == 1:
		return pg.pg, nil
	case spec.Desc && spec.After > 1:
		// Backward from the first chunk reaching the position before the
		// cursor: it may hold positions below the cursor.
		if scanErr := s.Scan(prefix, withPos(prefix, spec.After-1), false, func(k, _ []byte) bool {
			from = append([]byte{}, k...)
			return false
		}); scanErr != nil {
			return pg.pg, scanErr
		}
	}
	scanErr := s.Scan(prefix, from, spec.Desc, visit)
	return pg.pg, errors.Join(scanErr, err)
}

// chunkAll reads the whole long history under prefix, in log order.
func chunkAll(s scanner, prefix []byte) ([]stamped, error) {
	var out []stamped
	var err error
	scanErr := s.Scan(prefix, nil, false, func(_, v []byte) bool {
		var es []stamped
		es, err = decodeChunk(v)
		out = append(out, es...)
		return err == nil
	})
	return out, errors.Join(scanErr, err)
}
