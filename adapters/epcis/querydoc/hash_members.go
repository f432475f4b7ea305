package querydoc

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
	"github.com/traceledger/traceledger/app/query"
)

// hashMembers are the members of the event's JSON-LD object (eventJSON,
// with Digital Links) that its hash reads, as eventhash.EventFromMembers
// takes them: the same values the decoded object holds, without the
// object. It writes the fields eventJSON writes, a second time, because
// building the object and converting it cost the hash 40 % more; the
// randomised tests check the two against the document read back.
// recordTime and eventID are left out, as the hash leaves them out. ok
// is false for an event whose object would not be the same: one
// captured as EPCIS (its original is hashed), a string that is not UTF-8,
// an extension of a type eventJSON writes otherwise, or a member name
// given twice; HashID then takes the way through the decoded object.
func hashMembers(ev *query.EPCISEvent) (ms []eventhash.Member, ok bool) {
	if ev.Original != nil && string(ev.Original) != "null" {
		return nil, false
	}
	ok = true
	str := func(s string) string {
		if !utf8.ValidString(s) {
			ok = false
		}
		return s
	}
	strs := func(l []string) []string {
		for _, s := range l {
			str(s)
		}
		return l
	}
	ms = make([]eventhash.Member, 0, 12+len(ev.Extensions))
	add := func(k string, v any) { ms = append(ms, eventhash.Member{Key: k, Value: v}) }
	addIf := func(k, v string) {
		if v != "" {
			add(k, str(v))
		}
	}
	add("eventTime", hashTime(ev.EventTime))
	add("eventTimeZoneOffset", ev.EventTime.Format("-07:00"))
	epcs := func(k string, l []string) {
		if len(l) > 0 {
			add(k, strs(l))
		}
	}
	qty := func(k string, l []query.EPCISQuantity) {
		if len(l) == 0 {
			return
		}
		out := make([]any, len(l))
		for i, q := range l {
			m := make([]eventhash.Member, 1, 3)
			m[0] = eventhash.Member{Key: "epcClass", Value: str(q.EPCClass)}
			if q.Quantity != 0 {
				n, good := jsonNumber(q.Quantity)
				ok = ok && good
				m = append(m, eventhash.Member{Key: "quantity", Value: n})
				if q.UOM != "" {
					m = append(m, eventhash.Member{Key: "uom", Value: str(q.UOM)})
				}
			}
			out[i] = m
		}
		add(k, out)
	}
	typed := func(k, inner string, l []query.EPCISTyped) {
		if len(l) == 0 {
			return
		}
		out := make([]any, len(l))
		for i, t := range l {
			m := make([]eventhash.Member, 0, 2)
			if t.Type != "" {
				m = append(m, eventhash.Member{Key: "type", Value: str(t.Type)})
			}
			out[i] = append(m, eventhash.Member{Key: inner, Value: str(t.Value)})
		}
		add(k, out)
	}
	if ev.Type == "AggregationEvent" {
		addIf("parentID", ev.ParentID)
	}
	for _, l := range eventLists(ev) {
		epcs(l.epcKey, l.epcs)
		qty(l.qtyKey, l.qty)
	}
	addIf("action", ev.Action)
	addIf("bizStep", ev.BizStep)
	addIf("disposition", ev.Disposition)
	if ev.ReadPoint != "" {
		add("readPoint", []eventhash.Member{{Key: "id", Value: str(ev.ReadPoint)}})
	}
	if ev.BizLocation != "" {
		add("bizLocation", []eventhash.Member{{Key: "id", Value: str(ev.BizLocation)}})
	}
	typed("bizTransactionList", "bizTransaction", ev.BizTransactions)
	typed("sourceList", "source", ev.Sources)
	typed("destinationList", "destination", ev.Destinations)
	if len(ev.ILMD) > 0 {
		il, good := fieldMembers(ev.ILMD)
		ok = ok && good
		add("ilmd", il)
	}
	x, good := fieldMembers(ev.Extensions)
	ok = ok && good
	ms = append(ms, x...)
	return ms, ok && str(ev.Type) != ""
}

// fieldMembers are named fields as members. Each name must be a prefixed
// name (so that none is one of the event's own keys) given once, and each
// value a string or a number.
func fieldMembers(fs []query.EPCISField) ([]eventhash.Member, bool) {
	out := make([]eventhash.Member, len(fs))
	for i, f := range fs {
		if !strings.Contains(f.Name, ":") || !utf8.ValidString(f.Name) {
			return nil, false
		}
		for _, g := range fs[:i] {
			if g.Name == f.Name {
				return nil, false
			}
		}
		var v any
		switch x := f.Value.(type) {
		case string:
			if !utf8.ValidString(x) {
				return nil, false
			}
			v = x
		case uint64, int, int64, float64:
			n, ok := jsonNumber(x)
			if !ok {
				return nil, false
			}
			v = n
		default:
			return nil, false
		}
		out[i] = eventhash.Member{Key: f.Name, Value: v}
	}
	return out, true
}

// jsonNumber is a number of a type eventJSON writes (uint64, int, int64,
// float64) as encoding/json writes it; ok is false for any other value and
// for one it cannot write (an infinity, NaN).
func jsonNumber(v any) (json.Number, bool) {
	switch x := v.(type) {
	case uint64:
		return json.Number(strconv.FormatUint(x, 10)), true
	case int:
		return json.Number(strconv.Itoa(x)), true
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return "", false
		}
		if a := math.Abs(x); a == 0 || a >= 1e-6 && a < 1e21 {
			return json.Number(strconv.FormatFloat(x, 'f', -1, 64)), true
		}
		b, err := json.Marshal(x)
		return json.Number(b), err == nil
	}
	return "", false
}

// hashTime is the event time as the hash normalises stamp(t): in UTC, to
// the millisecond, which the hash then takes as it is. A zone whose offset
// has seconds (stamp drops them) or a year stamp does not write in four
// digits is written as stamp writes it, for the hash to normalise.
func hashTime(t time.Time) string {
	if _, off := t.Zone(); off%60 == 0 && t.Year() >= 0 && t.Year() <= 9999 {
		return t.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	return stamp(t)
}
