package eventhash

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ignoreFieldsNS is the namespace of a document-level list of event
// fields that a repository adds after capture (its own hash, a capture
// id) and that must not enter the hash, as the reference implementation's
// test documents use it.
const ignoreFieldsNS = "https://repository-x.example.com/"

// standardPrefixes are the prefixes the EPCIS 2.0 JSON-LD context
// defines; a document may use them without declaring them.
var standardPrefixes = map[string]string{
	"epcis":   "https://ref.gs1.org/epcis/",
	"cbv":     "https://ref.gs1.org/cbv/",
	"cbvmda":  "urn:epcglobal:cbv:mda:",
	"gs1":     "https://gs1.org/voc/",
	"rdfs":    "http://www.w3.org/2000/01/rdf-schema#",
	"owl":     "http://www.w3.org/2002/07/owl#",
	"xsd":     "http://www.w3.org/2001/XMLSchema#",
	"dcterms": "http://purl.org/dc/terms/",
}

// valuePrefixes are the prefixes expanded in values even when the
// document does not declare them, as in XML.
var valuePrefixes = []string{"gs1", "cbv"}

// ParseJSONLD reads an EPCIS 2.0 document in JSON-LD (an EPCISDocument, an
// EPCISQueryDocument, or a document whose epcisBody holds a single event)
// and returns its events in document order. Bare CBV terms ("shipping")
// are expanded as the EPCIS context defines them, prefixed names as the
// document's context declares them (or the EPCIS context does), and
// fields the document lists in a repository's ignoreFields are left out.
func ParseJSONLD(r io.Reader) ([]Event, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse EPCIS JSON-LD: %w", err)
	}
	p := jsonParser{prefixes: contextPrefixes(doc["@context"])}
	body, _ := doc["epcisBody"].(map[string]any)
	if body == nil {
		return nil, errors.New("parse EPCIS JSON-LD: no epcisBody")
	}
	p.ignore = p.ignoreFields(doc)
	var raw []any
	switch {
	case body["eventList"] != nil:
		raw, _ = body["eventList"].([]any)
	case body["queryResults"] != nil:
		qr, _ := body["queryResults"].(map[string]any)
		for k, v := range p.ignoreFields(qr) {
			p.ignore[k] = v
		}
		rb, _ := qr["resultsBody"].(map[string]any)
		raw, _ = rb["eventList"].([]any)
	case body["event"] != nil:
		raw = []any{body["event"]}
	default:
		return nil, errors.New("parse EPCIS JSON-LD: epcisBody holds no eventList, queryResults or event")
	}
	events := make([]Event, 0, len(raw))
	for i, e := range raw {
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("parse EPCIS JSON-LD: event %d is not an object", i+1)
		}
		typ, _ := obj["type"].(string)
		fields := p.object(obj, eventScope, true)
		events = append(events, Event{Type: typ, Fields: toXMLModel(fields)})
	}
	return events, nil
}

// EventFromJSON is the event a JSON-LD event object stands for, given the
// object as encoding/json decodes it with UseNumber (strings,
// json.Number, bools, nil, []any, map[string]any) and the prefixes the
// document's @context declares: what ParseJSONLD makes of each event of a
// document, for a caller that holds the object rather than its text.
func EventFromJSON(obj map[string]any, prefixes map[string]string) Event {
	p := jsonParser{prefixes: prefixes}
	typ, _ := obj["type"].(string)
	return Event{Type: typ, Fields: toXMLModel(p.object(obj, eventScope, true))}
}

// Member is one member of a JSON-LD object: its key and its value as
// encoding/json decodes it with UseNumber, or, without the decoding, a
// list of strings ([]string) or an object as its members ([]Member).
type Member struct {
	Key   string
	Value any
}

// EventFromMembers is EventFromJSON for an event of type typ given as its
// members, for a caller that writes the event rather than reading one:
// no map is built and no key sorted, since the pre-hash string does not
// depend on the order of an event's fields. The keys of each object must
// be distinct (a JSON object with a repeated key is its last member).
func EventFromMembers(typ string, members []Member, prefixes map[string]string) Event {
	p := jsonParser{prefixes: prefixes}
	return Event{Type: typ, Fields: toXMLModel(p.members(members, eventScope, true))}
}

// contextPrefixes collects the prefixes an @context declares.
func contextPrefixes(ctx any) map[string]string {
	out := map[string]string{}
	var walk func(any)
	walk = func(c any) {
		switch c := c.(type) {
		case []any:
			for _, e := range c {
				walk(e)
			}
		case map[string]any:
			for k, v := range c {
				if s, ok := v.(string); ok {
					out[k] = s
				}
			}
		}
	}
	walk(ctx)
	return out
}

// jsonParser turns JSON-LD objects into nodes.
type jsonParser struct {
	prefixes map[string]string
	ignore   map[string]bool
}

// ignoreFields returns the expanded names obj lists under ignoreFields.
func (p jsonParser) ignoreFields(obj map[string]any) map[string]bool {
	out := map[string]bool{}
	for k, v := range obj {
		if p.name(k) != expandedName(ignoreFieldsNS, "ignoreFields") {
			continue
		}
		list, _ := v.([]any)
		for _, f := range list {
			if s, ok := f.(string); ok {
				out[p.name(s)] = true
			}
		}
	}
	return out
}

// name expands a key "prefix:local" to "{namespace}local".
func (p jsonParser) name(key string) string {
	if ns, local, ok := p.expand(key, func(string) bool { return true }); ok {
		return expandedName(ns, local)
	}
	return key
}

// value expands a compact IRI "prefix:rest" in a string value.
func (p jsonParser) value(s string) string {
	if ns, rest, ok := p.expand(s, func(prefix string) bool { return slices.Contains(valuePrefixes, prefix) }); ok {
		return ns + rest
	}
	return s
}

// expand splits "prefix:rest" and answers the namespace prefix stands for:
// the one the document declares, else the standard one if standard admits
// the prefix. ok is false when s has no prefix or it stands for nothing.
func (p jsonParser) expand(s string, standard func(prefix string) bool) (ns, rest string, ok bool) {
	prefix, rest, found := strings.Cut(s, ":")
	if !found {
		return "", "", false
	}
	if ns, ok := p.prefixes[prefix]; ok {
		return ns, rest, true
	}
	if ns, ok := standardPrefixes[prefix]; ok && standard(prefix) {
		return ns, rest, true
	}
	return "", "", false
}

// object converts the fields of obj; at the event level its type and the
// ignored fields are left out.
func (p jsonParser) object(obj map[string]any, scope *vocabScope, event bool) []Node {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ms := make([]Member, len(keys))
	for i, k := range keys {
		ms[i] = Member{k, obj[k]}
	}
	return p.members(ms, scope, event)
}

// notAField reports whether an object's key is no field of the event: a
// JSON-LD keyword, the element's text, a comment.
func notAField(k string) bool {
	return strings.HasPrefix(k, "@") || k == "#text" || k == "comment" || k == "rdfs:comment"
}

// members converts an object's members in the order given.
func (p jsonParser) members(ms []Member, scope *vocabScope, event bool) []Node {
	var out []Node
	for _, m := range ms {
		k := m.Key
		if notAField(k) {
			continue
		}
		name := p.name(k)
		if event && (k == "type" || p.ignore[name]) {
			continue
		}
		switch list := m.Value.(type) {
		case []any:
			for _, v := range list {
				out = p.appendNode(out, k, name, v, scope)
			}
		case []string:
			for _, v := range list {
				out = p.appendString(out, k, name, v, scope)
			}
		default:
			out = p.appendNode(out, k, name, m.Value, scope)
		}
	}
	return out
}

// appendString appends the node of string value v of key k (expanded:
// name).
func (p jsonParser) appendString(out []Node, k, name, v string, scope *vocabScope) []Node {
	return append(out, Node{Name: name, Value: p.stringText(k, v, scope)})
}

// stringText is string value v of key k as its node holds it: a
// vocabulary term expanded where the scope has a vocabulary for k, then a
// compact IRI.
func (p jsonParser) stringText(k, v string, scope *vocabScope) string {
	if voc, ok := scope.term(k); ok {
		v = voc.expand(v)
	}
	return p.value(v)
}

// scalar is the text a node holds for a string, number or boolean value
// of key k; ok is false for any other value.
func (p jsonParser) scalar(k string, v any, scope *vocabScope) (string, bool) {
	switch v := v.(type) {
	case string:
		return p.stringText(k, v, scope), true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// appendNode appends the node for value v of key k (expanded: name).
func (p jsonParser) appendNode(out []Node, k, name string, v any, scope *vocabScope) []Node {
	switch v := v.(type) {
	case nil:
		return out
	case string:
		return p.appendString(out, k, name, v, scope)
	case json.Number, bool:
		text, _ := p.scalar(k, v, scope)
		return append(out, Node{Name: name, Value: text})
	case map[string]any:
		text, _ := v["#text"].(string)
		return append(out, Node{Name: name, Value: text, Children: p.object(v, scope.inside(k), false)})
	case []Member:
		text := ""
		for _, m := range v {
			if m.Key == "#text" {
				text, _ = m.Value.(string)
			}
		}
		return append(out, Node{Name: name, Value: text, Children: p.members(v, scope.inside(k), false)})
	case []any:
		n := Node{Name: name}
		for _, e := range v {
			n.Children = p.appendNode(n.Children, "", "", e, nil)
		}
		return append(out, n)
	}
	return out
}
