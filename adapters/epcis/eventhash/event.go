package eventhash

import "strings"

// Event is one EPCIS event as the hash algorithm sees it: its type
// ("ObjectEvent", "AggregationEvent", "TransactionEvent",
// "TransformationEvent", "AssociationEvent") and its fields as a tree in
// the EPCIS XML data model, whichever syntax it was read from. JSON-LD
// lists are turned into their XML shape (epcList holds epc nodes,
// quantityList holds quantityElement nodes, a bizTransactionList entry is
// a bizTransaction node whose value is the transaction and whose child is
// its type), so that both syntaxes of one event give one tree.
type Event struct {
	Type   string
	Fields []Node
}

// Node is one field of an event: a standard EPCIS field by its bare name
// ("bizStep", "readPoint", "epc"), or a user extension by its expanded
// name "{namespace}local", which keeps the namespace the hash includes.
// XML attributes are nodes too (a sensorReport's type, value and uom), as
// the algorithm makes no difference between the two.
type Node struct {
	Name     string
	Value    string
	Children []Node
}

// isExtensionName reports whether name is a user extension that the
// algorithm moves to the end of its enclosing element. Like the reference
// implementation it recognises only namespaces ending in "/".
func isExtensionName(name string) bool {
	return strings.Contains(name, "{") && strings.Contains(name, "/}")
}

// expandedName writes namespace and local part as "{namespace}local", or
// local alone for no namespace.
func expandedName(namespace, local string) string {
	if namespace == "" {
		return local
	}
	return "{" + namespace + "}" + local
}
