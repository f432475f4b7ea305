package document

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
)

// Fault is one event's fault: its index, the JSON path of the field, the
// field, the rule it breaks and why.
type Fault struct {
	Index   int    `json:"index"`
	Path    string `json:"path"`
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

func fault(i int, field, rule, format string, args ...any) Fault {
	return Fault{Index: i, Path: Path(i, field), Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Path is the JSON path of an event's field in an EPCISDocument.
func Path(i int, field string) string {
	p := fmt.Sprintf("$.epcisBody.eventList[%d]", i)
	if field != "" {
		p += "." + field
	}
	return p
}

var eventTypes = map[string]bool{"ObjectEvent": true, "AggregationEvent": true, "TransactionEvent": true, "TransformationEvent": true, "AssociationEvent": true}

var actions = map[string]bool{"ADD": true, "OBSERVE": true, "DELETE": true}

var zoneOffset = regexp.MustCompile(`^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$`)

// check applies the standard's rules and the limits to an event, and
// computes its hash id and normalised JSON-LD.
func check(ev *Event) []Fault {
	var fs []Fault
	i := ev.Index
	if !eventTypes[ev.Type] {
		return []Fault{fault(i, "type", "event_type", "%q is no EPCIS 2.0 event type", ev.Type)}
	}
	raw := fieldValue(ev.tree, "eventTime")
	t, err := time.Parse(time.RFC3339Nano, raw)
	switch {
	case raw == "":
		fs = append(fs, fault(i, "eventTime", "required", "is required"))
	case err != nil:
		fs = append(fs, fault(i, "eventTime", "date_time", "%q is no date-time with a zone", raw))
	default:
		ev.EventTime = t
	}
	if !zoneOffset.MatchString(ev.EventTimeZoneOffset) {
		fs = append(fs, fault(i, "eventTimeZoneOffset", "required", "must be an offset such as +08:00, not %q", ev.EventTimeZoneOffset))
	}
	if ev.Type != "TransformationEvent" && !actions[ev.Action] {
		fs = append(fs, fault(i, "action", "action", "must be ADD, OBSERVE or DELETE, not %q", ev.Action))
	}
	id, err := eventhash.ID(ev.tree)
	if err != nil {
		return append(fs, fault(i, "", "event_hash", "the event hash id cannot be computed: %v", err))
	}
	ev.HashID = id
	if strings.HasPrefix(ev.EventID, "ni:///") && !sameHash(ev.EventID, id) {
		fs = append(fs, fault(i, "eventID", "event_hash_mismatch", "%s is not the event's hash id %s", ev.EventID, id))
	}
	doc, err := normalised(ev.tree)
	if err != nil {
		return append(fs, fault(i, "", "json", "%v", err))
	}
	if len(doc) > MaxEventBytes {
		fs = append(fs, fault(i, "", "event_size", "the event is %d bytes as JSON-LD, more than %d", len(doc), MaxEventBytes))
	}
	ev.JSONLD = doc
	return fs
}

// sameHash compares two hash ids by their digest (the ?ver= part may be
// written differently).
func sameHash(a, b string) bool {
	digest := func(s string) string {
		s, _, _ = strings.Cut(s, "?")
		return strings.ToLower(s)
	}
	return digest(a) == digest(b)
}

func fieldValue(t eventhash.Event, name string) string {
	for _, n := range t.Fields {
		if n.Name == name {
			return n.Value
		}
	}
	return ""
}
