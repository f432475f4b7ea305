package epcisview

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// The model's keys in the on-disk model store. A row is where an event
// sits in the log: its position (8 bytes, big-endian) and the rank of the
// rendered event among those of its ledger event (1 byte), so rows sort
// in log order and every index lists its rows in log order.
//
//	e <row>                          the rendered event (codec.go), kept
//	                                 in the model store's rows
//	h 0 <digest of the event id>     its row, by hash id (idKey)
//	i 0 <kind> 0 <value> 0 <row>     index entries from row on, as a
//	                                 posting (postings.go): each with its
//	                                 event time (12 bytes), so a time range
//	                                 or an event-time order is decided
//	                                 before the event is read
//	k 0 <kind> 0 <value>             a value of a listed kind (EPCs, business
//	                                 locations, read points); for EPCs 'c'
//	                                 when it only ever came from a quantity
//	                                 list's class, else 'e'
//	P 0 <uscc> 0 <gtin|lot>          some event of the batch names the
//	                                 enterprise (an enterprise's events)
//	c 0 <what> 0 <key>               what later renderings read: batches,
//	                                 shipments, declarations, recalls,
//	                                 GLNs, captured domain events to skip,
//	                                 named queries
//	T <event time> <row>             every event in event time order
//	n                                how many events are stored
//
// layoutVersion changes whenever this layout or the codec does: a store
// of another layout is emptied and the model rebuilt.
const layoutVersion = 4

// Index kinds: one byte each.
const (
	kindType        = "t"
	kindStep        = "s"
	kindDisp        = "d"
	kindAction      = "a"
	kindReadPoint   = "r"
	kindBizLocation = "l"
	kindEPC         = "p"
	kindParty       = "u"
	kindBatch       = "b"
)

// Context kinds.
const (
	ctxBatch       = "b"
	ctxShipment    = "s"
	ctxDeclaration = "d"
	ctxRecall      = "r"
	ctxGLN         = "g"
	ctxSkip        = "x"
	ctxQuery       = "q"
)

const rowLen = 9

// row is the key of the rank-th event rendered from the ledger event at
// position.
func row(position uint64, rank int) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, rowLen), position), byte(rank))
}

func rowPosition(r []byte) uint64 { return binary.BigEndian.Uint64(r) }

func eventKey(r []byte) []byte { return append([]byte{'e'}, r...) }

// idKey is where an event id's row is kept: under a 16-byte digest of the
// id rather than the id, a hash id being 97 bytes whose hex digits hardly
// compress. A query reads the event and compares its id, so two ids
// sharing a digest would answer nothing wrong.
func idKey(id string) []byte {
	d := sha256.Sum256([]byte(id))
	return append([]byte{'h', 0}, d[:idDigestLen]...)
}

const idDigestLen = 16

// indexPrefix is the prefix of every entry of one value of an index.
func indexPrefix(kind, value string) []byte { return modelstore.Key("i", kind, value, "") }

func indexKey(kind, value string, r []byte) []byte {
	return append(indexPrefix(kind, value), r...)
}

func listedPrefix(kind string) []byte { return modelstore.Key("k", kind, "") }

func listedKey(kind, value string) []byte { return modelstore.Key("k", kind, value) }

func partyKey(uscc, batch string) []byte { return modelstore.Key("P", uscc, batch) }

func contextKey(what string, key ...string) []byte {
	return modelstore.Key(append([]string{"c", what}, key...)...)
}

var countKey = []byte("n")

// timePrefix is the prefix of the event time order of every event.
var timePrefix = []byte{'T'}

func timeKey(st, r []byte) []byte { return append(append([]byte{'T'}, st...), r...) }

// Event times in index entries: seconds with the sign bit flipped (so they
// sort) and nanoseconds, big-endian.
const stampLen = 12

func putStamp(b []byte, sec int64, nsec int) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(sec)^(1<<63))
	return binary.BigEndian.AppendUint32(b, uint32(nsec))
}

// stamp is an event time as index entries hold it, comparable as a pair.
type stamp struct {
	sec  int64
	nsec int32
}

func readStamp(b []byte) (stamp, bool) {
	if len(b) != stampLen {
		return stamp{}, false
	}
	return stamp{sec: int64(binary.BigEndian.Uint64(b) ^ (1 << 63)), nsec: int32(binary.BigEndian.Uint32(b[8:]))}, true
}

func (s stamp) compare(o stamp) int {
	switch {
	case s.sec < o.sec:
		return -1
	case s.sec > o.sec:
		return 1
	case s.nsec < o.nsec:
		return -1
	case s.nsec > o.nsec:
		return 1
	}
	return 0
}
