package trace

import (
	"encoding/binary"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// tx is one Apply: a batch of the store and what the fold read and changed
// in it, kept decoded in maps so an event reads each row at most once per
// Apply, and each changed row is written once, at commit.
type tx struct {
	p       *Projection
	b       *modelstore.Batch
	holders int // how many holders were numbered before the batch
	// numbered is how many batches are numbered, with those the batch
	// registers.
	numbered uint32
	batches  map[string]*batchEntry
	tallies  map[string]*tallyEntry
	items    map[string]*itemRec
	conts    map[string]int64
	marked   map[string]bool // involvement rows written
	// whole are the batches whose items were all read into items: a
	// serial not there is not labelled.
	whole map[string]bool
}

type batchEntry struct {
	b     *Batch // nil: not registered
	dirty bool
}

type tallyEntry struct {
	rec     tallyRec
	gtin    string
	lot     string
	h       holder
	wasHeld bool
}

func (p *Projection) begin() *tx {
	return &tx{p: p, b: p.m.Begin(), holders: len(p.hs.list), numbered: p.numbered, batches: map[string]*batchEntry{}, tallies: map[string]*tallyEntry{},
		items: map[string]*itemRec{}, conts: map[string]int64{}, marked: map[string]bool{}, whole: map[string]bool{}}
}

func (t *tx) discard() {
	t.b.Discard()
	t.p.hs.truncate(t.holders)
}

// id numbers uscc, recording a new number's row.
func (t *tx) id(uscc string) (holder, error) {
	if h, ok := t.p.hs.lookup(uscc); ok {
		return h, nil
	}
	h := t.p.hs.add(uscc)
	return h, t.b.Set(appendHolder(modelstore.Key(pHolder, ""), h), []byte(uscc))
}

// batch reads a batch (nil when it is not registered).
func (t *tx) batch(gtin, lot string) (*Batch, error) {
	k := gtin + "\x00" + lot
	if e, ok := t.batches[k]; ok {
		return e.b, nil
	}
	b, err := readBatch(t.b, gtin, lot)
	if err != nil {
		return nil, err
	}
	t.batches[k] = &batchEntry{b: b}
	return b, nil
}

// changed marks a batch read by batch() to be written at commit.
func (t *tx) changed(b *Batch) { t.batches[b.GTIN+"\x00"+b.Lot] = &batchEntry{b: b, dirty: true} }

// reader is what queries and the fold read: the model or a batch over it.
type reader interface {
	Get(key []byte) ([]byte, bool, error)
	Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error
}

func readBatch(r reader, gtin, lot string) (*Batch, error) {
	k := batchKey(pBatch, gtin, lot)
	v, ok, err := r.Get(k)
	if err != nil || !ok {
		return nil, err
	}
	b, ok := decodeBatch(v)
	if !ok {
		return nil, corrupt("batch", k)
	}
	return b, nil
}

// tally is h's row of b, made (with h involved) when h had none: the
// fold's holding(h).
func (t *tx) tally(b *Batch, h holder) (*tallyRec, error) {
	k := tallyKey(b.GTIN, b.Lot, h)
	if e, ok := t.tallies[string(k)]; ok {
		return &e.rec, nil
	}
	e := &tallyEntry{gtin: b.GTIN, lot: b.Lot, h: h}
	v, ok, err := t.b.Get(k)
	if err != nil {
		return nil, err
	}
	if ok {
		rec, good := decodeTally(v)
		if !good {
			return nil, corrupt("tally", k)
		}
		e.rec, e.wasHeld = rec, rec.held()
	} else if err := t.involve(b, h); err != nil {
		return nil, err
	}
	t.tallies[string(k)] = e
	return &e.rec, nil
}

// involve records that h held units of b or was sent some.
func (t *tx) involve(b *Batch, h holder) error {
	k := holderBatchKey(pInvolved, h, b.GTIN, b.Lot)
	if t.marked[string(k)] {
		return nil
	}
	t.marked[string(k)] = true
	return t.b.Set(k, nil)
}

// item reads a labelled item of b (nil when the serial is not labelled).
func (t *tx) item(b *Batch, serial string) (*itemRec, error) {
	k := string(itemKey(b.No, serial))
	if it, ok := t.items[k]; ok {
		return it, nil
	}
	if b.Items == 0 || t.whole[b.GTIN+"\x00"+b.Lot] {
		return nil, nil // nothing labelled yet, or every item read already
	}
	v, ok, err := t.b.Get([]byte(k))
	if err != nil || !ok {
		return nil, err
	}
	it, good := decodeItem(v)
	if !good {
		return nil, corrupt("item", []byte(k))
	}
	t.items[k] = it
	return it, nil
}

// wholeRatio: when an event names at least one serial in wholeRatio of a
// batch's labelled items, reading all of them in one scan of the batch's
// rows costs less than a point read for each.
const wholeRatio = 16

// prefetch reads the items serials name before an event folds them: all
// of the batch's items in one scan when the event names many of them.
func (t *tx) prefetch(b *Batch, serials []string) error {
	bk := b.GTIN + "\x00" + b.Lot
	if b.Items == 0 || t.whole[bk] || int64(len(serials))*wholeRatio < b.Items {
		return nil
	}
	prefix := underNumber(pItem, b.No)
	base := string(prefix)
	var bad []byte
	err := t.b.Scan(prefix, nil, false, func(k, v []byte) bool {
		key := base + string(k[len(prefix):])
		if _, ok := t.items[key]; ok {
			return true // the fold's own copy is newer
		}
		it, good := decodeItem(v)
		if !good {
			bad = append([]byte{}, k...)
			return false
		}
		t.items[key] = it
		return true
	})
	if err == nil && bad != nil {
		err = corrupt("item", bad)
	}
	if err == nil {
		t.whole[bk] = true
	}
	return err
}

// newItem labels serial in b, held by h in stock.
func (t *tx) newItem(b *Batch, serial string, h holder) (*itemRec, error) {
	it := &itemRec{holder: h, state: batch.StateInStock}
	r, err := t.tally(b, h)
	if err != nil {
		return nil, err
	}
	r.add(it.state, 1)
	if b.Items == 0 {
		// Every item of b is now in items: a label of thousands reads
		// none of its serials back.
		t.whole[b.GTIN+"\x00"+b.Lot] = true
	}
	b.Items++
	t.items[string(itemKey(b.No, serial))] = it
	return it, t.b.Set(modelstore.Key(pSerial, b.GTIN, serial, b.Lot), nil)
}

// known are the items of b among serials, skipping serials b does not
// know (the domain never emits them; a fold must not fail on them).
func (t *tx) known(b *Batch, serials []string) ([]*itemRec, []string, error) {
	if len(serials) == 0 {
		return nil, nil, nil
	}
	if err := t.prefetch(b, serials); err != nil {
		return nil, nil, err
	}
	out, names := make([]*itemRec, 0, len(serials)), make([]string, 0, len(serials))
	for _, s := range serials {
		it, err := t.item(b, s)
		if err != nil {
			return nil, nil, err
		}
		if it != nil {
			out, names = append(out, it), append(names, s)
		}
	}
	return out, names, nil
}

// set moves an item to holder h, state st and container c, keeping the
// tallies and container counts of its old and new holder.
func (t *tx) set(b *Batch, it *itemRec, h holder, st batch.State, c string) error {
	if it.holder != h || it.state != st {
		from, err := t.tally(b, it.holder)
		if err != nil {
			return err
		}
		from.add(it.state, -1)
		to, err := t.tally(b, h)
		if err != nil {
			return err
		}
		to.add(st, 1)
	}
	if it.holder != h || it.container != c {
		if it.container != "" {
			t.conts[string(containerKey(b.GTIN, b.Lot, it.holder, it.container))]--
		}
		if c != "" {
			t.conts[string(containerKey(b.GTIN, b.Lot, h, c))]++
		}
	}
	it.holder, it.state, it.container = h, st, c
	return nil
}

// addMove records a move of b and returns its number.
func (t *tx) addMove(b *Batch, m move) (uint32, error) {
	seq := b.Moves
	b.Moves++
	return seq, t.b.Set(seqKey(pMove, b.No, seq), m.encode())
}

// commit writes every changed row and the position, atomically; on an
// error nothing is written.
func (t *tx) commit(position uint64) error {
	if err := t.write(); err != nil {
		t.discard()
		return err
	}
	if err := t.b.Commit(position); err != nil { // Commit releases the batch
		t.p.hs.truncate(t.holders)
		return err
	}
	t.p.numbered = t.numbered
	return nil
}

// write adds every changed row to the batch. The tallies go first: a
// holder that starts or stops holding units changes its batch's count.
func (t *tx) write() error {
	for k, e := range t.tallies {
		if err := t.b.Set([]byte(k), e.rec.encode()); err != nil {
			return err
		}
		held := e.rec.held()
		if held == e.wasHeld {
			continue
		}
		if err := t.mark(holderBatchKey(pHeld, e.h, e.gtin, e.lot), held); err != nil {
			return err
		}
		if err := t.holdingChanged(e.gtin, e.lot, held); err != nil {
			return err
		}
	}
	for _, e := range t.batches {
		if !e.dirty {
			continue
		}
		if err := t.b.Set(batchKey(pBatch, e.b.GTIN, e.b.Lot), e.b.encode()); err != nil {
			return err
		}
	}
	if t.numbered != t.p.numbered {
		if err := t.b.Set(modelstore.Key(pNumbered), modelstore.EncodeCount(t.numbered)); err != nil {
			return err
		}
	}
	for k, it := range t.items {
		if err := t.b.Set([]byte(k), it.encode()); err != nil {
			return err
		}
	}
	for k, d := range t.conts {
		if d == 0 {
			continue
		}
		v, _, err := t.b.Get([]byte(k))
		if err != nil {
			return err
		}
		n, _ := binary.Uvarint(v)
		if n := int64(n) + d; n > 0 {
			err = t.b.Set([]byte(k), binary.AppendUvarint(nil, uint64(n)))
		} else {
			err = t.b.Delete([]byte(k))
		}
		if err != nil {
			return err
		}
	}
	return nil
}
