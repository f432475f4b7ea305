package eventhash

import (
	"slices"
	"strings"
)

// PreHashOfMembers is PreHash(EventFromMembers(typ, members, prefixes)),
// written straight from the members, without the tree: a repository
// hashes every event it writes, and the tree's nodes and its copy were
// most of a hash. It takes the shapes such events have: scalar fields,
// lists of identifiers, quantity lists, bizTransactionList, sourceList
// and destinationList, readPoint and bizLocation, ilmd, and scalar user
// extensions. ok is false for an event with anything else (a sensor
// report, an error declaration, an extension that is an object or a list,
// a member of an unexpected type), which the caller hashes by the tree.
func PreHashOfMembers(typ string, members []Member, prefixes map[string]string) (pre string, ok bool) {
	if typ == "" {
		return "", false
	}
	w := memberWriter{p: jsonParser{prefixes: prefixes}}
	timed := false
	for _, m := range members {
		k := m.Key
		if notAField(k) || k == "type" {
			continue
		}
		name := w.p.name(k)
		// Where the event names no eventTime and no action, PreHash moves
		// its user extensions elsewhere: left to the tree.
		timed = timed || (strings.Contains(name, "eventTime") || strings.Contains(name, "action")) && makesNode(m.Value)
		if !w.member(k, name, m.Value) {
			return "", false
		}
	}
	if !timed {
		return "", false
	}
	slices.SortFunc(w.ordered, byPlace)
	slices.Sort(w.rest)
	var b strings.Builder
	n := len("eventType=") + len(typ)
	for _, h := range w.ordered {
		n += len(h.text)
	}
	for _, s := range w.rest {
		n += len(s)
	}
	b.Grow(n)
	b.WriteString("eventType=")
	b.WriteString(typ)
	for _, h := range w.ordered {
		b.WriteString(h.text)
	}
	for _, s := range w.rest {
		b.WriteString(s)
	}
	return b.String(), true
}

// memberWriter collects an event's ordered fields and the rest.
type memberWriter struct {
	p       jsonParser
	ordered []hit
	rest    []string
}

// eventPlaces are the places of the event's fields in eventOrder.
var eventPlaces = orderIndex(eventOrder)

// member writes one member of the event; false when its shape is not
// one PreHashOfMembers takes.
func (w *memberWriter) member(k, name string, v any) bool {
	at, inOrder := eventPlaces[name]
	if !inOrder {
		return w.unordered(k, name, v)
	}
	f := eventOrder[at]
	switch {
	case !f.structured:
		text, ok := w.p.scalar(k, v, eventScope)
		if !ok {
			return false
		}
		if text = strings.TrimSpace(text); text != "" {
			w.ordered = append(w.ordered, hit{at, name + "=" + canonicalText(name, text)})
		}
		return true
	case len(f.order) == 0:
		// bizTransactionList, sourceList, destinationList: with the rest.
		return w.typedList(k, name, v)
	case len(f.order) == 1 && f.order[0].name == "epc":
		return w.epcs(at, k, name, v)
	case len(f.order) == 1 && f.order[0].name == "quantityElement":
		return w.quantities(at, name, v)
	case name == "readPoint" || name == "bizLocation":
		return w.place(at, name, v)
	}
	return false
}

// canonicalText is a field's trimmed text in normal form.
func canonicalText(name, text string) string {
	if isTimeField(name) {
		return canonicalTime(text)
	}
	return canonicalValue(text)
}

// epcs writes a list of identifiers (epcList, childEPCs, inputEPCList,
// outputEPCList): its name, then each entry as epc=..., sorted.
func (w *memberWriter) epcs(at int, k, name string, v any) bool {
	var texts []string
	add := func(s string) {
		if s = strings.TrimSpace(w.p.stringText(k, s, eventScope)); s != "" {
			texts = append(texts, "epc="+canonicalValue(s))
		}
	}
	switch l := v.(type) {
	case []string:
		texts = make([]string, 0, len(l))
		for _, s := range l {
			add(s)
		}
	case []any:
		for _, e := range l {
			s, ok := e.(string)
			if !ok {
				return false
			}
			add(s)
		}
	default:
		return false
	}
	if len(texts) > 0 {
		slices.Sort(texts)
		w.ordered = append(w.ordered, hit{at, name + strings.Join(texts, "")})
	}
	return true
}

// quantityPlaces are the places of a quantity element's fields.
var quantityPlaces = orderIndex(quantityElement.order)

// quantities writes a quantity list: its name, then each element as
// quantityElement and its epcClass, quantity and uom, sorted.
func (w *memberWriter) quantities(at int, name string, v any) bool {
	l, ok := v.([]any)
	if !ok {
		return false
	}
	texts := make([]string, 0, len(l))
	for _, e := range l {
		ms, ok := e.([]Member)
		if !ok || len(ms) == 0 {
			// An empty element is not a quantityElement in the tree.
			return false
		}
		var parts [3]string
		for _, m := range ms {
			i, known := quantityPlaces[m.Key]
			if !known {
				return false
			}
			text, ok := w.p.scalar(m.Key, m.Value, eventScope.inside(name))
			if !ok {
				return false
			}
			if text = strings.TrimSpace(text); text != "" {
				parts[i] = m.Key + "=" + canonicalValue(text)
			}
		}
		if inner := parts[0] + parts[1] + parts[2]; inner != "" {
			texts = append(texts, "quantityElement"+inner)
		}
	}
	if len(texts) > 0 {
		slices.Sort(texts)
		w.ordered = append(w.ordered, hit{at, name + strings.Join(texts, "")})
	}
	return true
}

// place writes readPoint or bizLocation: its name and id=...
func (w *memberWriter) place(at int, name string, v any) bool {
	ms, ok := v.([]Member)
	if !ok || len(ms) != 1 || ms[0].Key != "id" {
		return false
	}
	text, ok := w.p.scalar("id", ms[0].Value, eventScope.inside(name))
	if !ok {
		return false
	}
	if text = strings.TrimSpace(text); text != "" {
		w.ordered = append(w.ordered, hit{at, name + "id=" + canonicalValue(text)})
	}
	return true
}

// typedList writes bizTransactionList, sourceList or destinationList
// with the rest: its name, then each entry type first, sorted.
func (w *memberWriter) typedList(k, name string, v any) bool {
	l, ok := v.([]any)
	if !ok {
		return false
	}
	field := pairLists[name]
	scope := eventScope.inside(k)
	parts := make([]string, 0, len(l))
	for _, e := range l {
		ms, ok := e.([]Member)
		if !ok {
			return false
		}
		var typ, val string
		typed := false
		for _, m := range ms {
			text, ok := w.p.scalar(m.Key, m.Value, scope)
			switch {
			case !ok:
				return false
			case m.Key == "type":
				typ, typed = text, true
			case m.Key == field:
				val = text
			default:
				return false
			}
		}
		parts = append(parts, typedText(typ, typed, field, val))
	}
	if len(l) > 0 {
		slices.Sort(parts)
		w.rest = append(w.rest, name+strings.Join(parts, ""))
	}
	return true
}

// unordered writes a member outside the order: ilmd, or a scalar user
// extension; fields the hash leaves out are skipped.
func (w *memberWriter) unordered(k, name string, v any) bool {
	if notHashed[name] {
		return true
	}
	if name == "ilmd" {
		ms, ok := v.([]Member)
		if !ok {
			return false
		}
		parts := make([]string, 0, len(ms))
		for _, m := range ms {
			if m.Key == "#text" {
				// ilmd=text: left to the tree.
				return false
			}
			if notAField(m.Key) {
				continue
			}
			s, ok := w.scalarField(m.Key, w.p.name(m.Key), m.Value, eventScope.inside(k))
			if !ok {
				return false
			}
			parts = append(parts, s)
		}
		slices.Sort(parts)
		w.rest = append(w.rest, "ilmd"+strings.Join(parts, ""))
		return true
	}
	s, ok := w.scalarField(k, name, v, eventScope)
	if ok {
		w.rest = append(w.rest, s)
	}
	return ok
}

// scalarField writes a scalar field outside the order: its name, and
// =value when it has one (its vocabulary term, if scope has one for k,
// expanded). A name the tree would reshape (a list, an
// identifier list) is left to the tree.
func (w *memberWriter) scalarField(k, name string, v any, scope *vocabScope) (string, bool) {
	if strings.HasSuffix(name, "List") || name == "childEPCs" || renamed[name] != "" || name == "quantity" {
		return "", false
	}
	text, ok := w.p.scalar(k, v, scope)
	if !ok {
		return "", false
	}
	return named(name, text), true
}

// makesNode reports whether a member's value gives the tree a node: a
// null does not, nor a list of nothing but nulls.
func makesNode(v any) bool {
	switch l := v.(type) {
	case nil:
		return false
	case []string:
		return len(l) > 0
	case []any:
		for _, e := range l {
			if e != nil {
				return true
			}
		}
		return false
	}
	return true
}
