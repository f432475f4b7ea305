package querydoc

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// obj is a JSON object that keeps its members in the order written, so
// documents read as the standard's examples do.
type obj []member

type member struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o *obj) add(k string, v any) { *o = append(*o, member{k, v}) }

// addIf adds a string member that is not empty.
func (o *obj) addIf(k, v string) {
	if v != "" {
		o.add(k, v)
	}
}

// stamp writes a time as EPCIS does: milliseconds and the zone offset.
func stamp(t time.Time) string { return t.Format("2006-01-02T15:04:05.000Z07:00") }

func context() []any { return []any{EPCISContext, map[string]string{"tl": Namespace}} }

// eventJSON writes one event in JSON-LD; f chooses the identifiers' form.
func eventJSON(ev *query.EPCISEvent, f EPCFormat) any {
	// A snapshot writes a missing original as null, which reads back
	// as the four bytes "null", not as nil.
	if ev.Original != nil && string(ev.Original) != "null" {
		return ev.Original
	}
	o := obj{{"type", ev.Type}, {"eventTime", stamp(ev.EventTime)}, {"recordTime", stamp(ev.RecordTime)},
		{"eventTimeZoneOffset", ev.EventTime.Format("-07:00")}}
	o.addIf("eventID", ev.EventID)
	epcs := func(k string, l []string) {
		if len(l) > 0 {
			out := make([]string, len(l))
			for i, e := range l {
				out[i] = epc(e, f)
			}
			o.add(k, out)
		}
	}
	qty := func(k string, l []query.EPCISQuantity) {
		if len(l) == 0 {
			return
		}
		out := make([]obj, len(l))
		for i, q := range l {
			out[i] = obj{{"epcClass", epc(q.EPCClass, f)}}
			if q.Quantity != 0 {
				out[i].add("quantity", q.Quantity)
				out[i].addIf("uom", q.UOM)
			}
		}
		o.add(k, out)
	}
	typed := func(k, inner string, l []query.EPCISTyped) {
		if len(l) == 0 {
			return
		}
		out := make([]obj, len(l))
		for i, t := range l {
			out[i] = obj{}
			out[i].addIf("type", t.Type)
			out[i].add(inner, t.Value)
		}
		o.add(k, out)
	}
	if ev.Type == "AggregationEvent" {
		o.addIf("parentID", epc(ev.ParentID, f))
	}
	// A transformation's quantity lists follow each of its identifier
	// lists; the other events' come after the business transactions.
	lists := eventLists(ev)
	transformation := ev.Type == "TransformationEvent"
	for _, l := range lists {
		epcs(l.epcKey, l.epcs)
		if transformation {
			qty(l.qtyKey, l.qty)
		}
	}
	o.addIf("action", ev.Action)
	o.addIf("bizStep", ev.BizStep)
	o.addIf("disposition", ev.Disposition)
	if ev.ReadPoint != "" {
		o.add("readPoint", obj{{"id", ev.ReadPoint}})
	}
	if ev.BizLocation != "" {
		o.add("bizLocation", obj{{"id", ev.BizLocation}})
	}
	typed("bizTransactionList", "bizTransaction", ev.BizTransactions)
	if !transformation {
		for _, l := range lists {
			qty(l.qtyKey, l.qty)
		}
	}
	typed("sourceList", "source", ev.Sources)
	typed("destinationList", "destination", ev.Destinations)
	if len(ev.ILMD) > 0 {
		il := obj{}
		for _, fl := range ev.ILMD {
			il.add(fl.Name, fl.Value)
		}
		o.add("ilmd", il)
	}
	for _, x := range ev.Extensions {
		o.add(x.Name, x.Value)
	}
	return o
}

// Proof is an event's inclusion proof in the verifiable log, answered
// beside the events (never inside one, so each event's hash id stays the
// hash of the event as served).
type Proof struct {
	EventID  string `json:"eventID"`
	Position uint64 `json:"position"`
	// RecordHash is the ledger record's hash: the leaf data proven.
	RecordHash string   `json:"record_hash"`
	LeafIndex  uint64   `json:"leaf_index"`
	TreeSize   uint64   `json:"tree_size"`
	Hashes     []string `json:"hashes"`
}

// Page is what a query document answers: its events, the query's name,
// and, when asked, the signed checkpoint and the events' proofs against it.
type Page struct {
	QueryName  string
	Events     []query.EPCISEvent
	Format     EPCFormat
	Checkpoint string
	Proofs     []Proof
	Created    time.Time
}

// JSONLD writes an EPCISQueryDocument.
func JSONLD(p Page) ([]byte, error) {
	events := make([]any, len(p.Events))
	for i := range p.Events {
		events[i] = eventJSON(&p.Events[i], p.Format)
	}
	doc := obj{{"@context", context()}, {"type", "EPCISQueryDocument"}, {"schemaVersion", "2.0"},
		{"creationDate", stamp(p.Created)},
		{"epcisBody", obj{{"queryResults", obj{{"queryName", p.QueryName},
			{"resultsBody", obj{{"eventList", events}}}}}}}}
	if p.Checkpoint != "" {
		doc.add("tl:checkpoint", p.Checkpoint)
		doc.add("tl:proofs", p.Proofs)
	}
	return json.Marshal(doc)
}

// Collection writes a JSON-LD Collection of names or URIs (event types,
// bizSteps, a resource's sub-resources).
func Collection(members []string) ([]byte, error) {
	if members == nil {
		members = []string{}
	}
	return json.Marshal(obj{{"@context", EPCISContext}, {"type", "Collection"}, {"member", members}})
}
