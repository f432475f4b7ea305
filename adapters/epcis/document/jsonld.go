package document

import (
	"encoding/json"
	"strings"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
)

// normalised renders an event as JSON-LD from its neutral tree, whichever
// syntax it came in: EPCIS 2.0 JSON-LD shapes (lists as arrays, typed list
// entries as objects), CBV values and identifiers as the document wrote
// them after prefix expansion, user extensions keyed by their absolute IRI
// (which needs no @context).
func normalised(t eventhash.Event) (json.RawMessage, error) {
	obj := objectJSON(t.Fields)
	obj["type"] = t.Type
	return json.Marshal(obj)
}

// alwaysArray are keys that are arrays in EPCIS JSON-LD even with one
// entry.
var alwaysArray = map[string]bool{"sensorReport": true, "correctiveEventIDs": true}

// typedEntries are the lists whose entries are typed identifiers.
var typedEntries = map[string]string{"bizTransactionList": "bizTransaction", "sourceList": "source", "destinationList": "destination"}

func objectJSON(nodes []eventhash.Node) map[string]any {
	groups := map[string][]any{}
	many := map[string]bool{}
	for _, n := range nodes {
		k := key(n.Name)
		v := nodeJSON(n)
		if arr, ok := v.([]any); ok && n.Name == "correctiveEventIDs" {
			groups[k] = append(groups[k], arr...)
			many[k] = true
			continue
		}
		groups[k] = append(groups[k], v)
		many[k] = many[k] || alwaysArray[n.Name]
	}
	obj := make(map[string]any, len(groups))
	for k, vs := range groups {
		if len(vs) == 1 && !many[k] {
			obj[k] = vs[0]
			continue
		}
		obj[k] = vs
	}
	return obj
}

func key(name string) string {
	if strings.HasPrefix(name, "{") {
		ns, local, _ := strings.Cut(name[1:], "}")
		return ns + local
	}
	return name
}

func nodeJSON(n eventhash.Node) any {
	if entry, ok := typedEntries[n.Name]; ok {
		out := []any{}
		for _, c := range n.Children {
			e := map[string]any{entry: c.Value}
			if t := childValue(c, "type"); t != "" {
				e["type"] = t
			}
			out = append(out, e)
		}
		return out
	}
	if strings.HasSuffix(n.Name, "List") || n.Name == "childEPCs" || (n.Name == "correctiveEventIDs" && len(n.Children) > 0) {
		return listJSON(n)
	}
	if len(n.Children) == 0 {
		return n.Value
	}
	return objectJSON(n.Children)
}

// listJSON renders a list node's entries as an array.
func listJSON(n eventhash.Node) []any {
	out := []any{}
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			out = append(out, c.Value)
			continue
		}
		out = append(out, objectJSON(c.Children))
	}
	return out
}
