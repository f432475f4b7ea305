package eventhash

import "strings"

// pairLists are the lists whose entries are a typed identifier: the
// hash renders each entry as its type followed by its value.
var pairLists = map[string]string{
	"bizTransactionList": "bizTransaction",
	"sourceList":         "source",
	"destinationList":    "destination",
}

// renamed maps JSON-LD list entry names to their XML element names.
var renamed = map[string]string{
	"inputEPC":       "epc",
	"outputEPC":      "epc",
	"inputQuantity":  "quantityElement",
	"outputQuantity": "quantityElement",
	"childQuantity":  "quantityElement",
}

// toXMLModel reshapes fields read from JSON-LD into the XML data model, at
// every level: the entries of a JSON array "xList" become children "x" of
// one "xList" node (epcList/epc, sensorElementList/sensorElement, also for
// user extensions), childEPCs entries become epc children of one
// childEPCs node, quantity entries become quantityElement, and
// bizTransactionList, sourceList and destinationList entries become
// typed identifiers.
func toXMLModel(nodes []Node) []Node {
	if len(nodes) == 0 {
		return nodes
	}
	out := make([]Node, 0, len(nodes))
	// The lists met so far and where they are in out: an event has a
	// handful, so a search beats a map.
	var at [8]listAt
	lists := at[:0]
	listIn := func(name string) int {
		for _, l := range lists {
			if l.name == name {
				return l.i
			}
		}
		lists = append(lists, listAt{name, len(out)})
		out = append(out, Node{Name: name})
		return len(out) - 1
	}
	for _, n := range nodes {
		switch {
		case strings.HasSuffix(n.Name, "List"):
			i := listIn(n.Name)
			entry := Node{Name: strings.TrimSuffix(n.Name, "List"), Value: n.Value, Children: n.Children}
			if field, ok := pairLists[n.Name]; ok {
				entry = typedIdentifier(field, n.Children)
			}
			out[i].Children = append(out[i].Children, entry)
		case n.Name == "childEPCs":
			i := listIn(n.Name)
			out[i].Children = append(out[i].Children, Node{Name: "epc", Value: n.Value})
		default:
			out = append(out, n)
		}
	}
	for i := range out {
		n := &out[i]
		if _, pair := pairLists[n.Name]; !pair {
			n.Children = toXMLModel(n.Children)
		}
		if to, ok := renamed[n.Name]; ok {
			n.Name = to
		}
		if n.Name == "quantity" && len(n.Children) > 0 {
			n.Name = "quantityElement"
		}
	}
	return out
}

// listAt is where toXMLModel put the node of a list.
type listAt struct {
	name string
	i    int
}

// typedIdentifier builds the XML form of a JSON-LD bizTransactionList,
// sourceList or destinationList entry: the identifier as the value and
// its type as the only child. Other keys of the entry are not part of the
// hash.
func typedIdentifier(field string, entry []Node) Node {
	out := Node{Name: field}
	for _, c := range entry {
		switch c.Name {
		case field:
			out.Value = c.Value
		case "type":
			out.Children = append(out.Children, Node{Name: "type", Value: c.Value})
		}
	}
	return out
}
