package history

import (
	"encoding/binary"
	"fmt"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// layout is the version of the key layout below: a store laid out by
// another is emptied and the model rebuilt.
const layout = 2

// The model's keys (parts joined by a zero byte; pos8 a big-endian log
// position, ent4 a big-endian enterprise index, b4 a batch's number in
// order of first mention). A unit's keys are under its batch's number
// rather than its GTIN and lot: the batches that trade now are the last
// mentioned, so the fold's writes of units land together at the end of
// the range, and the compactions that take them down rewrite less of what
// is there. Every history lies under
// its own prefix in log order, so a page is one range scan forward or
// backward from the cursor. Long histories are chunks of events (chunk.go)
// under the chunk's last position; an item's few events are one key each,
// whose value is when the event occurred (Unix milliseconds, 8 bytes), for
// the time-range filters.
//
//	e uscc pos8            an enterprise's history (chunks)
//	p gtin pos8            a product's history (chunks)
//	b gtin lot pos8        a batch's history (chunks)
//	w gtin lot pos8        its wide part, events for every unit of it (chunks)
//	i b4 serial pos8       an item's own events
//	hp gtin ent4           holders of a product (empty value)
//	hb gtin lot ent4       holders of a batch
//	I b4 serial            the item exists (empty value)
//	K                      how many batches are numbered
//	S gtin serial pos8     the serial index: the lot labelled at pos8
//	E ent4                 the enterprise table (entRec)
//	P gtin                 productRec
//	B gtin lot             batchRec
//	M pos8                 the move at pos8 (card)
//	D declaration          declarationRec
//	X shipment             shipmentRec of a shipment not yet received
//	C complaint            complaintRec of an open complaint
//	R recall               recallRec of an open recall
//
// Holders sort by enterprise index, that is in the order the enterprises
// first appeared in the log. An item's holders are not keys: they are the
// enterprises its history's moves name.

func entPrefix(uscc string) []byte     { return modelstore.Key("e", uscc, "") }
func productPrefix(gtin string) []byte { return modelstore.Key("p", gtin, "") }
func batchPrefix(b bkey) []byte        { return modelstore.Key("b", b.GTIN, b.Lot, "") }
func widePrefix(b bkey) []byte         { return modelstore.Key("w", b.GTIN, b.Lot, "") }
func itemPrefix(no uint32, s string) []byte {
	return append(append(binary.BigEndian.AppendUint32(modelstore.Key("i", ""), no), s...), 0)
}
func productHolders(gtin string) []byte { return modelstore.Key("hp", gtin, "") }
func batchHolders(b bkey) []byte        { return modelstore.Key("hb", b.GTIN, b.Lot, "") }
func itemKey(no uint32, s string) []byte {
	return append(binary.BigEndian.AppendUint32(modelstore.Key("I", ""), no), s...)
}
func serialPrefix(gtin, s string) []byte { return modelstore.Key("S", gtin, s, "") }
func moveKey(pos uint64) []byte          { return modelstore.AppendUint64(modelstore.Key("M", ""), pos) }

// entKey is the enterprise table's row e.
func entKey(e uint32) []byte { return binary.BigEndian.AppendUint32(modelstore.Key("E", ""), e) }

// withPos is prefix followed by pos8.
func withPos(prefix []byte, pos uint64) []byte {
	return modelstore.AppendUint64(append(make([]byte, 0, len(prefix)+8), prefix...), pos)
}

// withEnt is prefix followed by ent4.
func withEnt(prefix []byte, e uint32) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, len(prefix)+4), prefix...), e)
}

// tailPos reads the pos8 a position key ends with.
func tailPos(key []byte) uint64 { return modelstore.Uint64(key[len(key)-8:]) }

// tailEnt reads the ent4 a holder key ends with.
func tailEnt(key []byte) uint32 { return binary.BigEndian.Uint32(key[len(key)-4:]) }

// encodeMove is a move's value: at (8 bytes), kind (1), from and to (4
// each), then the text.
func encodeMove(m move) []byte {
	out := make([]byte, 0, 17+len(m.Text))
	out = binary.BigEndian.AppendUint64(out, uint64(m.At))
	out = append(out, m.Kind)
	out = binary.BigEndian.AppendUint32(out, m.From)
	out = binary.BigEndian.AppendUint32(out, m.To)
	return append(out, m.Text...)
}

func decodeMove(v []byte) (move, error) {
	if len(v) < 17 {
		return move{}, fmt.Errorf("a move of %d bytes", len(v))
	}
	return move{At: int64(binary.BigEndian.Uint64(v)), Kind: v[8], From: binary.BigEndian.Uint32(v[9:]),
		To: binary.BigEndian.Uint32(v[13:]), Text: string(v[17:])}, nil
}

func batchRecKey(b bkey) []byte        { return modelstore.Key("B", batchID(b)) }
func productRecKey(gtin string) []byte { return modelstore.Key("P", gtin) }
func declRecKey(no string) []byte      { return modelstore.Key("D", no) }

func numberedKey() []byte { return modelstore.Key("K") }
