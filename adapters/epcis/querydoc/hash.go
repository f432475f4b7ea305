package querydoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
	"github.com/traceledger/traceledger/app/query"
)

// HashID is the CBV 2.0 event hash id of a rendered event: the event
// written as JSON-LD (without an eventID, as the algorithm requires),
// read back by eventhash and hashed. The ledger's extension fields
// (tl:ledgerEventID, tl:position) are part of it, which keeps two ledger
// events of identical content (two sales of one unit of a lot at the same
// second) two ids; recordTime is not, as the algorithm leaves it out.
//
// The fold hashes every event it renders, so the JSON-LD is not written
// out and read back: the event's members are handed to eventhash as the
// JSON decoder would give them (hashMembers), with no text and no object
// in between. An event whose members would not be the object's (a string
// that is not UTF-8, a value of another Go type) is handed over as the
// decoded object (decoded), and one whose object would not read back as
// itself takes the way through the text (hashViaText).
func HashID(ev *query.EPCISEvent) (string, error) {
	if ms, ok := hashMembers(ev); ok {
		if pre, ok := eventhash.PreHashOfMembers(ev.Type, ms, hashPrefixes); ok {
			return eventhash.IDOf(pre), nil
		}
		return eventhash.ID(eventhash.EventFromMembers(ev.Type, ms, hashPrefixes))
	}
	e := *ev
	e.EventID = ""
	o, ok := eventJSON(&e, DigitalLink).(obj)
	if !ok {
		return hashViaText(&e)
	}
	m, ok := decoded(o)
	if !ok {
		return hashViaText(&e)
	}
	return eventhash.ID(eventhash.EventFromJSON(m.(map[string]any), hashPrefixes))
}

// hashPrefixes are the prefixes the documents' @context declares
// (context()): EPCIS's own context is a URL, not prefixes.
var hashPrefixes = map[string]string{"tl": Namespace}

// hashViaText hashes the event as a JSON-LD document read back.
func hashViaText(e *query.EPCISEvent) (string, error) {
	doc := obj{{"@context", context()}, {"type", "EPCISDocument"}, {"schemaVersion", "2.0"},
		{"creationDate", stamp(e.RecordTime)}, {"epcisBody", obj{{"eventList", []any{eventJSON(e, DigitalLink)}}}}}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("hash id: %w", err)
	}
	evs, err := eventhash.ParseJSONLD(bytes.NewReader(b))
	if err != nil || len(evs) != 1 {
		return "", fmt.Errorf("hash id: read back: %v", err)
	}
	return eventhash.ID(evs[0])
}

// decoded is v as encoding/json would decode its JSON text with
// UseNumber: objects as maps (a repeated member: the last), lists as
// []any, numbers as json.Number. ok is false for a value whose text
// would not read back as itself, or of a type eventJSON never writes.
func decoded(v any) (any, bool) {
	switch v := v.(type) {
	case string:
		return v, utf8.ValidString(v)
	case obj:
		m := make(map[string]any, len(v))
		for _, mem := range v {
			d, ok := decoded(mem.v)
			if !ok || !utf8.ValidString(mem.k) {
				return nil, false
			}
			m[mem.k] = d
		}
		return m, true
	case []obj:
		out := make([]any, len(v))
		for i, o := range v {
			d, ok := decoded(o)
			if !ok {
				return nil, false
			}
			out[i] = d
		}
		return out, true
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			if !utf8.ValidString(s) {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	case float64, int, int64, uint64:
		return jsonNumber(v)
	}
	return nil, false
}
