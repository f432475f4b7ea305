package eventhash

import (
	"cmp"
	"errors"
	"slices"
	"sort"
	"strings"
)

// PreHash returns the canonical pre-hash string of an event (CBV 2.0,
// "Event hash ID"): "eventType=" and the type, then the fields of
// eventOrder that are present, each as name=value in normal form with
// structured fields as their name followed by their own fields, repeated
// fields sorted; user extensions inside a structured field at its end;
// then every remaining field (ilmd, bizTransactionList, sourceList,
// destinationList, user extensions), rendered the same way and sorted.
// eventID, recordTime and errorDeclaration are left out.
//
// Where the reference implementation's output differs from a literal
// reading of the standard, PreHash follows the reference, because event
// hash IDs are only useful if every repository computes the same one:
// bizTransactionList, sourceList and destinationList come after
// sensorElementList and sort with the other remaining fields (so
// destinationList precedes sourceList); a user extension is recognised
// only if its namespace ends in "/". The package documentation lists
// where it departs from the reference.
func PreHash(ev Event) (string, error) {
	if ev.Type == "" {
		return "", errors.New("event hash: event has no type")
	}
	fields := cloneNodes(ev.Fields)
	var b strings.Builder
	b.Grow(1024)
	b.WriteString("eventType=")
	b.WriteString(ev.Type)
	b.WriteString(inOrder(&fields, eventOrder))
	rest := fields[:0]
	for _, f := range fields {
		if !notHashed[f.name] {
			rest = append(rest, f)
		}
	}
	b.WriteString(unordered(rest, ""))
	return b.String(), nil
}

// work is a mutable copy of a node: rendering consumes the fields it
// writes, so that what is left can be written after them.
type work struct {
	name, value string
	kids        []*work
}

// cloneNodes copies a tree of nodes into two arrays, one of the copies
// and one of pointers to them, carved into each node's kids: an event
// has tens of nodes, and one allocation each was a sixth of a hash's.
func cloneNodes(ns []Node) []*work {
	n := countNodes(ns)
	c := cloner{ws: make([]work, n), ps: make([]*work, n)}
	return c.clone(ns)
}

func countNodes(ns []Node) int {
	n := len(ns)
	for _, c := range ns {
		n += countNodes(c.Children)
	}
	return n
}

// cloner hands out the copies and pointer slices of cloneNodes.
type cloner struct {
	ws []work
	ps []*work
}

func (c *cloner) clone(ns []Node) []*work {
	out := c.ps[:len(ns):len(ns)]
	c.ps = c.ps[len(ns):]
	for i, n := range ns {
		w := &c.ws[0]
		c.ws = c.ws[1:]
		*w = work{name: n.Name, value: n.Value}
		out[i] = w
	}
	for i, n := range ns {
		out[i].kids = c.clone(n.Children)
	}
	return out
}

// inOrder renders the nodes named in order and removes those it has fully
// written; user extensions of a structured field are taken out and
// written after its ordered fields. Each node is looked up in the
// order's index once, and what is written is sorted by its place in the
// order, then by its text (repeated fields).
func inOrder(nodes *[]*work, order []field) string {
	ext := takeExtensions(nodes)
	idx := orderIndex(order)
	var buf [16]hit
	hits := buf[:0]
	kept := (*nodes)[:0]
	for _, n := range *nodes {
		i, ok := idx[n.name]
		if !ok {
			kept = append(kept, n)
			continue
		}
		if s := renderOrdered(n, order[i]); s != "" {
			hits = append(hits, hit{i, s})
		}
		if len(n.kids) > 0 {
			kept = append(kept, n)
		}
	}
	*nodes = kept
	slices.SortFunc(hits, byPlace)
	var b strings.Builder
	for _, h := range hits {
		b.WriteString(h.text)
	}
	if len(ext) > 0 {
		b.WriteString(unordered(ext, ""))
	}
	return b.String()
}

// renderOrdered writes one node of the ordered part: name, "=" and its
// value in normal form if it has one, then its own ordered fields.
func renderOrdered(n *work, f field) string {
	inner := ""
	if f.structured {
		inner = inOrder(&n.kids, f.order)
	}
	text := strings.TrimSpace(n.value)
	if text != "" {
		if isTimeField(n.name) {
			text = canonicalTime(text)
		} else {
			text = canonicalValue(text)
		}
	}
	if text == "" && inner == "" {
		return ""
	}
	if text != "" {
		text = "=" + text
	}
	return n.name + text + inner
}

// takeExtensions removes and returns the user extensions among the fields
// of a structured field. The event itself (recognised, as in the
// reference, by a field whose name contains eventTime or action) keeps
// its extensions for the unordered part, as does a field with one child.
func takeExtensions(nodes *[]*work) []*work {
	if len(*nodes) <= 1 {
		return nil
	}
	for _, n := range *nodes {
		if strings.Contains(n.name, "eventTime") || strings.Contains(n.name, "action") {
			return nil
		}
	}
	var ext []*work
	kept := (*nodes)[:0]
	for _, n := range *nodes {
		if isExtensionName(n.name) {
			ext = append(ext, n)
		} else {
			kept = append(kept, n)
		}
	}
	*nodes = kept
	return ext
}

// unordered renders nodes outside the canonical order, each as name,
// "=" and its value in normal form, then its children likewise, and
// sorts them. Entries of the typed lists are written type first.
func unordered(nodes []*work, parent string) string {
	parts := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if field, ok := pairLists[parent]; ok && n.name == field {
			parts = append(parts, typedEntry(n))
			continue
		}
		parts = append(parts, named(n.name, n.value)+unordered(n.kids, n.name))
	}
	sort.Strings(parts)
	return strings.Join(parts, "")
}

// typedEntry writes a bizTransaction, source or destination as
// "type=<type><name>=<value>", with its first type.
func typedEntry(n *work) string {
	for _, k := range n.kids {
		if k.name == "type" {
			return typedText(k.value, true, n.name, n.value)
		}
	}
	return typedText("", false, n.name, n.value)
}

// typedText writes a typed entry: its type if it has one, then its name
// and value, each as named writes them.
func typedText(typ string, typed bool, name, value string) string {
	if typed {
		return named("type", typ) + named(name, value)
	}
	return named(name, value)
}

// named writes a field outside the order: its name, and "=" and its
// trimmed text in normal form when it has any.
func named(name, text string) string {
	if t := strings.TrimSpace(text); t != "" {
		return name + "=" + canonicalValue(t)
	}
	return name
}

// hit is one rendered field of an ordered part and its place in the
// order.
type hit struct {
	at   int
	text string
}

// byPlace orders hits by place, then repeated fields by their text.
func byPlace(a, b hit) int {
	if c := cmp.Compare(a.at, b.at); c != 0 {
		return c
	}
	return strings.Compare(a.text, b.text)
}
