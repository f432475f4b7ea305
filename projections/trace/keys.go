package trace

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// layout is the version of the key layout below: bump it when it changes
// (the model is then emptied and rebuilt from the log).
const layout = 5

// The model's keys, each under a one-letter prefix, laid out so that every
// query reads one range (h4 is a holder's number, 4 bytes big-endian; b4 a
// batch's number, in order of registration; seq4 a move's number within its
// batch). The rows every batch has many of (moves, items, the items of a
// shipment) are under b4 rather than gtin lot: the batches that trade now
// are the last registered, so the fold's writes land together at the end of
// each range rather than at a place per GTIN, and the compactions that take
// them down rewrite less of what is there (at 100 M units a first start
// takes 0.61 of the time; docs/capacity.md):
//
//	B gtin lot            the batch (binary, batchcodec.go): owner, dates, customs,
//	                      recalls, transformations
//	T gtin lot h4         a holder's tally of the batch (binary): its unlabelled
//	                      units, unlabelled units it sent still on their way, its
//	                      labelled items by state — one row per holder, so a
//	                      trace reads the batch's holders with one scan
//	K                     how many batches are numbered
//	M b4 seq4             a move (binary), in log order: the trace's edges
//	U b4 serial           a labelled item (binary): its holder, state, container
//	                      and the moves that carried it — an item's path is one
//	                      read and a read per move
//	N gtin serial lot     the lots a serial of a GTIN is labelled in: an item code
//	                      without a lot (an SGTIN) finds its batch with one scan
//	S gtin lot shipment   the move of a shipment; X b4 seq4 its items
//	C gtin lot h4 sscc    how many of a holder's items a container holds
//	I h4 gtin lot         the holder held units of the batch (ever)
//	O h4 gtin lot         the holder holds units of it now (stock or on their way)
//	E expires gtin lot    the batches by expiry; R / J gtin lot the recalled and
//	                      the rejected batches: each only while some holder
//	                      has units of the batch in stock or on their way
//	D declaration         a customs declaration (JSON)
//	F transformation      a transformation (JSON)
//	H h4                  the USCC of holder number h4
const (
	pBatch        = "B"
	pTally        = "T"
	pMove         = "M"
	pItem         = "U"
	pSerial       = "N"
	pShipment     = "S"
	pShipItems    = "X"
	pContainer    = "C"
	pInvolved     = "I"
	pHeld         = "O"
	pExpiry       = "E"
	pRecalled     = "R"
	pRejected     = "J"
	pDeclaration  = "D"
	pTransform    = "F"
	pHolder       = "H"
	pNumbered     = "K"
	holderKeySize = 4
)

// holder is an enterprise interned to a number, in order of first
// appearance (so a replay numbers alike and dumps compare).
type holder uint32

func appendHolder(b []byte, h holder) []byte { return binary.BigEndian.AppendUint32(b, uint32(h)) }

// batchKey is prefix gtin lot.
func batchKey(prefix, gtin, lot string) []byte { return modelstore.Key(prefix, gtin, lot) }

// underBatch is prefix gtin lot and a separator: the rows of one batch
// follow it.
func underBatch(prefix, gtin, lot string) []byte { return modelstore.Key(prefix, gtin, lot, "") }

// underNumber is prefix b4: the rows of batch number no follow it.
func underNumber(prefix string, no uint32) []byte {
	return binary.BigEndian.AppendUint32(modelstore.Key(prefix, ""), no)
}

// seqKey is prefix b4 seq4 (a move, or a shipment's items).
func seqKey(prefix string, no, seq uint32) []byte {
	return binary.BigEndian.AppendUint32(underNumber(prefix, no), seq)
}

// itemKey is U b4 serial.
func itemKey(no uint32, serial string) []byte { return append(underNumber(pItem, no), serial...) }

func tallyKey(gtin, lot string, h holder) []byte {
	return appendHolder(underBatch(pTally, gtin, lot), h)
}

func containerKey(gtin, lot string, h holder, sscc string) []byte {
	return append(appendHolder(underBatch(pContainer, gtin, lot), h), sscc...)
}

// holderBatchKey is prefix h4 gtin lot (the involved and held indexes).
func holderBatchKey(prefix string, h holder, gtin, lot string) []byte {
	k := appendHolder(modelstore.Key(prefix, ""), h)
	return append(append(append(k, gtin...), 0), lot...)
}

func holderPrefix(prefix string, h holder) []byte { return appendHolder(modelstore.Key(prefix, ""), h) }

// splitBatch reads "gtin 0 lot" back.
func splitBatch(b []byte) (gtin, lot string) {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		return string(b), ""
	}
	return string(b[:i]), string(b[i+1:])
}

// enc builds a binary value.
type enc struct{ b []byte }

func (e *enc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// dec reads one; the first error sticks.
type dec struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("trace model: corrupt value")

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string {
	n := d.uint()
	if d.err != nil || uint64(len(d.b)) < n {
		d.err = errCorrupt
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) done() bool { return d.err == nil && len(d.b) == 0 }

func corrupt(what string, key []byte) error {
	return fmt.Errorf("trace model: corrupt %s at %q: %w", what, key, errCorrupt)
}
