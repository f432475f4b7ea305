package history

import (
	"encoding/binary"
	"encoding/json"
	"strings"

	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// tx is one Apply: the store batch it writes, the records it read (each
// once), and the first error, after which the fold does nothing more (the
// Apply then discards the batch and returns it).
type tx struct {
	ents *entTable
	// r reads the committed model; b writes (blind: what the Apply wrote
	// it remembers in the maps below, not by reading b).
	r         *modelstore.Model
	b         *modelstore.Batch
	err       error
	when      int64   // when the event being folded occurred (Unix ms)
	ms        [8]byte // the same, as a position key's value
	batches   table[batchRec]
	products  table[productRec]
	decls     table[declarationRec]
	shipments table[shipmentRec]
	complaint table[complaintRec]
	recalls   table[recallRec]
	// items are the units the Apply looked up: whether each exists.
	items map[string]bool
	// chunks are the long histories the Apply added to.
	chunks map[string]*chunked
	// holders are the holder keys the Apply wrote.
	holders map[string]bool
	// labelled are the lots the Apply labelled, by GTIN and serial.
	labelled map[string][]string
	// track, when set, is told what each event adds.
	track *Tracker
	// numbered is how many batches are numbered, with those the Apply
	// numbered; wasNumbered before it.
	numbered, wasNumbered uint32
}

func newTx(ents *entTable, numbered uint32, r *modelstore.Model, b *modelstore.Batch) *tx {
	return &tx{ents: ents, numbered: numbered, wasNumbered: numbered, r: r, b: b, chunks: map[string]*chunked{}, holders: map[string]bool{}, labelled: map[string][]string{}, batches: newTable[batchRec]("B"), products: newTable[productRec]("P"),
		decls: newTable[declarationRec]("D"), shipments: newTable[shipmentRec]("X"),
		complaint: newTable[complaintRec]("C"), recalls: newTable[recallRec]("R"), items: map[string]bool{}}
}

func (t *tx) fail(err error) {
	if t.err == nil && err != nil {
		t.err = err
	}
}

func (t *tx) set(key, value []byte) { t.fail(t.b.Set(key, value)) }

// flush writes the records the Apply changed.
func (t *tx) flush() error {
	for _, f := range []func(*modelstore.Batch) error{t.batches.flush, t.products.flush, t.decls.flush,
		t.shipments.flush, t.complaint.flush, t.recalls.flush} {
		t.fail(f(t.b))
	}
	t.flushChunks()
	if t.numbered != t.wasNumbered {
		t.set(numberedKey(), modelstore.EncodeCount(t.numbered))
	}
	return t.err
}

// ent interns an enterprise; "" is none (0).
func (t *tx) ent(uscc string) uint32 {
	if uscc == "" {
		return 0
	}
	if i, ok := t.ents.idx[uscc]; ok {
		return i
	}
	i := uint32(len(t.ents.recs))
	t.ents.recs = append(t.ents.recs, entRec{USCC: uscc})
	t.ents.idx[uscc] = i
	t.saveEnt(i)
	return i
}

func (t *tx) saveEnt(i uint32) {
	v, err := json.Marshal(t.ents.recs[i])
	t.fail(err)
	t.set(entKey(i), v)
}

// product returns the product's record, making it on first mention.
func (t *tx) product(gtin string) *productRec {
	p, err := t.products.get(t.r, gtin)
	t.fail(err)
	if p == nil {
		p = &productRec{GTIN: gtin, Cert: certificate.NewCert()}
		t.products.put(gtin, p)
	}
	return p
}

func batchID(b bkey) string { return b.GTIN + "\x00" + b.Lot }

// batch names the batch gtin/lot, numbering it on its first mention.
func (t *tx) batch(gtin, lot string) bkey {
	k := bkey{GTIN: gtin, Lot: lot}
	t.numberedRec(k)
	return k
}

// batchNo is batch b's number, numbering b on its first mention (0 when
// the read failed: t.err is set and the Apply is discarded).
func (t *tx) batchNo(b bkey) uint32 {
	if r := t.numberedRec(b); r != nil {
		return r.No
	}
	return 0
}

// numberedRec is batch k's record, made with the next number on the
// batch's first mention.
func (t *tx) numberedRec(k bkey) *batchRec {
	if r := t.batchRec(k); r != nil || t.err != nil {
		return r
	}
	r := &batchRec{GTIN: k.GTIN, Lot: k.Lot, No: t.numbered}
	t.batches.put(batchID(k), r)
	t.numbered++
	return r
}

// batchRec returns the batch's record, or nil.
func (t *tx) batchRec(k bkey) *batchRec {
	r, err := t.batches.get(t.r, batchID(k))
	t.fail(err)
	return r
}

// itemID names the unit of batch b with this serial in the Apply's items.
func itemID(b bkey, serial string) string { return b.GTIN + "\x00" + b.Lot + "\x00" + serial }

// itemExists reports whether batch b has a unit with this serial.
func (t *tx) itemExists(b bkey, serial string) bool {
	id := itemID(b, serial)
	if ok, seen := t.items[id]; seen {
		return ok
	}
	ok := false
	if r := t.batchRec(b); r != nil {
		var err error
		_, ok, err = t.r.Get(itemKey(r.No, serial))
		t.fail(err)
	}
	t.items[id] = ok
	return ok
}

// addItem makes the unit of batch b (number no) with this serial,
// labelled at pos, and indexes it by GTIN and serial after the lots
// labelled before.
func (t *tx) addItem(b bkey, no uint32, serial string, pos uint64) {
	t.set(itemKey(no, serial), nil)
	t.set(withPos(serialPrefix(b.GTIN, serial), pos), []byte(b.Lot))
	t.items[itemID(b, serial)] = true
	t.labelled[b.GTIN+"\x00"+serial] = append(t.labelled[b.GTIN+"\x00"+serial], b.Lot)
	if t.track != nil {
		t.track.labelled(b, serial)
	}
}

// lotsOf is lotsOf over the committed model and what the Apply labelled.
func (t *tx) lotsOf(gtin, serial string) []string {
	lots, err := lotsOf(t.r, gtin, serial)
	t.fail(err)
	return append(lots, t.labelled[gtin+"\x00"+serial]...)
}

// hold writes the holder key prefix+e, once per Apply.
func (t *tx) hold(prefix []byte, e uint32) {
	if e == 0 {
		return
	}
	k := withEnt(prefix, e)
	if t.holders[string(k)] {
		return
	}
	t.holders[string(k)] = true
	if t.track != nil {
		// A tracker tells only a new holder.
		_, held, err := t.r.Get(k)
		t.fail(err)
		if !held {
			t.track.holder(prefix, t.ents.recs[e].USCC)
		}
	}
	t.set(k, nil)
}

// lotsOf lists the lots with a unit of this GTIN and serial, in the order
// they were labelled.
func lotsOf(s scanner, gtin, serial string) ([]string, error) {
	var lots []string
	err := s.Scan(serialPrefix(gtin, serial), nil, false, func(_, v []byte) bool {
		lots = append(lots, string(v))
		return true
	})
	return lots, err
}

// addItemPos adds the event being folded at pos to the history of the
// unit of batch b (number no) with this serial. An event naming a unit
// twice writes the same key twice: it is listed once.
func (t *tx) addItemPos(b bkey, no uint32, serial string, pos uint64) {
	if t.track != nil {
		t.track.item(b, serial)
	}
	t.set(withPos(itemPrefix(no, serial), pos), t.ms[:])
}

// touch adds the event to an enterprise's history.
func (t *tx) touch(e uint32, pos uint64) {
	if e != 0 {
		t.addChunked(entPrefix(t.ents.recs[e].USCC), pos)
	}
}

// entTable is the enterprises every record points at, in the order they
// first appeared in the log: thousands, kept in memory (and on disk, E
// keys) so a holder list or a card names them without a read.
type entTable struct {
	recs []entRec // index 0 is none
	idx  map[string]uint32
}

func newEntTable() *entTable { return &entTable{recs: []entRec{{}}, idx: map[string]uint32{}} }

// loadEnts reads the enterprise table from the store.
func loadEnts(s scanner) (*entTable, error) {
	t := newEntTable()
	var decodeErr error
	err := s.Scan(modelstore.Key("E", ""), nil, false, func(k, v []byte) bool {
		var e entRec
		if decodeErr = json.Unmarshal(v, &e); decodeErr != nil {
			return false
		}
		if i := binary.BigEndian.Uint32(k[len(k)-4:]); i != uint32(len(t.recs)) {
			decodeErr = errMissingEnt(i, len(t.recs))
			return false
		}
		t.idx[e.USCC] = uint32(len(t.recs))
		t.recs = append(t.recs, e)
		return true
	})
	if err == nil {
		err = decodeErr
	}
	return t, err
}

// party is an enterprise's name and USCC.
func (t *entTable) party(e uint32) (name, uscc string) {
	if e == 0 || int(e) >= len(t.recs) {
		return "", ""
	}
	return t.recs[e].Name, t.recs[e].USCC
}

// scanner is what histories are scanned from: the committed model or a
// batch.
type scanner interface {
	Scan(prefix, from []byte, reverse bool, fn func(key, value []byte) bool) error
}

func splitBatch(name string) (gtin, lot string) {
	gtin, lot, _ = strings.Cut(name, "/")
	return gtin, lot
}
