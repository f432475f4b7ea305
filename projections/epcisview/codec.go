package epcisview

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// The rendered events are stored in a compact binary form rather than
// JSON: it is written once per event in the fold and read once per event
// a query answers, and it gives back exactly the event that was rendered
// (nil and empty lists apart, the Go types of the extension values, the
// times in China Standard Time), so an answer read from disk is the
// answer the fold made.

// encodeEvent appends ev's binary form to b.
func encodeEvent(b []byte, ev *query.EPCISEvent) []byte {
	b = append(b, codecVersion)
	for _, s := range []string{ev.Type, ev.Action, ev.BizStep, ev.Disposition} {
		b = putString(b, s)
	}
	b = putTime(putTime(b, ev.EventTime), ev.RecordTime)
	b = putString(putString(b, ev.ReadPoint), ev.BizLocation)
	b = putStrings(b, ev.EPCs)
	b = putQuantities(b, ev.Quantities)
	b = putString(b, ev.ParentID)
	b = putStrings(putStrings(b, ev.InputEPCs), ev.OutputEPCs)
	b = putQuantities(putQuantities(b, ev.InputQuantities), ev.OutputQuantities)
	for _, l := range [][]query.EPCISTyped{ev.BizTransactions, ev.Sources, ev.Destinations} {
		b = putLen(b, l == nil, len(l))
		for _, t := range l {
			b = putString(putString(b, t.Type), t.Value)
		}
	}
	b = putFields(putFields(b, ev.ILMD), ev.Extensions)
	b = putLen(b, ev.Original == nil, len(ev.Original))
	b = append(b, ev.Original...)
	for _, s := range []string{ev.EventID, ev.LedgerEventID, ev.LedgerType} {
		b = putString(b, s)
	}
	b = binary.AppendUvarint(b, ev.Position)
	b = putString(b, ev.RecordHash)
	b = putStrings(b, ev.Enterprises)
	b = putLen(b, ev.Batches == nil, len(ev.Batches))
	for _, k := range ev.Batches {
		b = putString(putString(b, k.GTIN), k.Lot)
	}
	return b
}

// codecVersion leads every stored event; a layout change bumps it with
// the model's layout version.
const codecVersion = 1

// putLen writes a list's length, 0 for a nil list and n+1 otherwise.
func putLen(b []byte, isNil bool, n int) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func putString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func putStrings(b []byte, ss []string) []byte {
	b = putLen(b, ss == nil, len(ss))
	for _, s := range ss {
		b = putString(b, s)
	}
	return b
}

func putTime(b []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(b, t.Unix()), uint64(t.Nanosecond()))
}

func putQuantities(b []byte, qs []query.EPCISQuantity) []byte {
	b = putLen(b, qs == nil, len(qs))
	for _, q := range qs {
		b = putString(b, q.EPCClass)
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(q.Quantity))
		b = putString(b, q.UOM)
	}
	return b
}

// Field values keep their Go type: the renderers write strings, ints and
// uint64s; anything else (never written today) goes as JSON.
const (
	valString = iota
	valInt
	valUint64
	valFloat
	valJSON
)

func putFields(b []byte, fs []query.EPCISField) []byte {
	b = putLen(b, fs == nil, len(fs))
	for _, f := range fs {
		b = putString(b, f.Name)
		switch v := f.Value.(type) {
		case string:
			b = putString(append(b, valString), v)
		case int:
			b = binary.AppendVarint(append(b, valInt), int64(v))
		case uint64:
			b = binary.AppendUvarint(append(b, valUint64), v)
		case float64:
			b = binary.BigEndian.AppendUint64(append(b, valFloat), math.Float64bits(v))
		default:
			j, _ := json.Marshal(v)
			b = putString(append(b, valJSON), string(j))
		}
	}
	return b
}

// reader decodes what encodeEvent wrote; the first fault sticks.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("stored event cut short")

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errShort
	}
	r.b = nil
}

func (r *reader) bytes(n uint64) []byte {
	if uint64(len(r.b)) < n {
		r.fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) string() string { return string(r.bytes(r.uvarint())) }

func (r *reader) u64() uint64 {
	b := r.bytes(8)
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// list reads a list's length: -1 for a nil list.
func (r *reader) list() int {
	n := r.uvarint()
	if n > uint64(len(r.b))+1 {
		r.fail()
		return -1
	}
	return int(n) - 1
}

func (r *reader) strings() []string {
	n := r.list()
	if n < 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.string()
	}
	return out
}

func (r *reader) time() time.Time {
	sec := r.varint()
	return time.Unix(sec, int64(r.uvarint())).In(cst)
}

func (r *reader) quantities() []query.EPCISQuantity {
	n := r.list()
	if n < 0 {
		return nil
	}
	out := make([]query.EPCISQuantity, n)
	for i := range out {
		out[i].EPCClass = r.string()
		out[i].Quantity = math.Float64frombits(r.u64())
		out[i].UOM = r.string()
	}
	return out
}

func (r *reader) typed() []query.EPCISTyped {
	n := r.list()
	if n < 0 {
		return nil
	}
	out := make([]query.EPCISTyped, n)
	for i := range out {
		out[i].Type = r.string()
		out[i].Value = r.string()
	}
	return out
}

func (r *reader) fields() []query.EPCISField {
	n := r.list()
	if n < 0 {
		return nil
	}
	out := make([]query.EPCISField, n)
	for i := range out {
		out[i].Name = r.string()
		tag := r.bytes(1)
		if len(tag) == 0 {
			return out
		}
		switch tag[0] {
		case valString:
			out[i].Value = r.string()
		case valInt:
			out[i].Value = int(r.varint())
		case valUint64:
			out[i].Value = r.uvarint()
		case valFloat:
			out[i].Value = math.Float64frombits(r.u64())
		default:
			var v any
			if err := json.Unmarshal(r.bytes(r.uvarint()), &v); err != nil && r.err == nil {
				r.err = err
			}
			out[i].Value = v
		}
	}
	return out
}

// decodeEvent reads an event encodeEvent wrote. The strings it returns
// are copies: b may be a slice the store reuses.
func decodeEvent(b []byte) (query.EPCISEvent, error) {
	if len(b) == 0 || b[0] != codecVersion {
		return query.EPCISEvent{}, fmt.Errorf("stored event of an unknown layout")
	}
	r := &reader{b: b[1:]}
	var ev query.EPCISEvent
	ev.Type, ev.Action, ev.BizStep, ev.Disposition = r.string(), r.string(), r.string(), r.string()
	ev.EventTime, ev.RecordTime = r.time(), r.time()
	ev.ReadPoint, ev.BizLocation = r.string(), r.string()
	ev.EPCs = r.strings()
	ev.Quantities = r.quantities()
	ev.ParentID = r.string()
	ev.InputEPCs, ev.OutputEPCs = r.strings(), r.strings()
	ev.InputQuantities, ev.OutputQuantities = r.quantities(), r.quantities()
	ev.BizTransactions, ev.Sources, ev.Destinations = r.typed(), r.typed(), r.typed()
	ev.ILMD, ev.Extensions = r.fields(), r.fields()
	if n := r.list(); n >= 0 {
		ev.Original = json.RawMessage(append([]byte{}, r.bytes(uint64(n))...))
	}
	ev.EventID, ev.LedgerEventID, ev.LedgerType = r.string(), r.string(), r.string()
	ev.Position = r.uvarint()
	ev.RecordHash = r.string()
	ev.Enterprises = r.strings()
	if n := r.list(); n >= 0 {
		ev.Batches = make([]query.BatchKey, n)
		for i := range ev.Batches {
			ev.Batches[i].GTIN, ev.Batches[i].Lot = r.string(), r.string()
		}
	}
	if r.err != nil {
		return query.EPCISEvent{}, fmt.Errorf("decode stored event: %w", r.err)
	}
	return ev, nil
}
