package query

import (
	"encoding/json"
	"time"
)

// EPCISEvent is a ledger event rendered as a GS1 EPCIS 2.0 event, in a
// neutral form the EPCIS port writes as JSON-LD or XML. Identifiers of
// goods are canonical GS1 Digital Links (https://id.gs1.org/01/…): the
// port translates them to EPC URNs when the client asks (GS1-EPC-Format),
// and the read model indexes them in that one form, so a query names an
// item by either. Vocabulary values (bizStep, disposition, source and
// transaction types) are CBV 2.0 short names or URIs.
type EPCISEvent struct {
	// Type is ObjectEvent, AggregationEvent, TransformationEvent, ...
	Type        string
	Action      string // ADD, OBSERVE, DELETE; empty for TransformationEvent
	BizStep     string
	Disposition string
	EventTime   time.Time
	RecordTime  time.Time
	ReadPoint   string
	BizLocation string
	// EPCs is the epcList (childEPCs of an AggregationEvent), Quantities
	// the quantityList (childQuantityList).
	EPCs       []string
	Quantities []EPCISQuantity
	ParentID   string
	// Inputs and outputs of a TransformationEvent.
	InputEPCs, OutputEPCs             []string
	InputQuantities, OutputQuantities []EPCISQuantity
	BizTransactions                   []EPCISTyped
	Sources, Destinations             []EPCISTyped
	// ILMD is instance/lot master data (cbvmda:lotNumber, ...), in order.
	ILMD []EPCISField
	// Extensions are the ledger's own fields (tl:…), in order.
	Extensions []EPCISField
	// Original, when set, is an event captured as EPCIS, kept as the
	// normalised JSON-LD it was captured in: it is answered as captured.
	Original json.RawMessage

	// EventID is the CBV 2.0 event hash id of the event as rendered.
	EventID string
	// The ledger event it renders: its id, type and log position (the
	// leaf of the verifiable log whose inclusion proof an auditor checks).
	LedgerEventID string
	LedgerType    string
	Position      uint64
	// RecordHash is the ledger record's chained hash (hex): the leaf data
	// an inclusion proof of Position proves.
	RecordHash string
	// Enterprises are the USCCs the event concerns (sender, receiver,
	// holder, owner, importer...), and Batches the batches it moves:
	// together what decides who may read it (EPCISVisibility).
	Enterprises []string
	Batches     []BatchKey
}

// EPCISQuantity is a quantityList entry: a class (an LGTIN's Digital
// Link), how many and, for measured goods, the unit of measure.
type EPCISQuantity struct {
	EPCClass string
	Quantity float64
	UOM      string
}

// EPCISTyped is a typed entry of bizTransactionList, sourceList or
// destinationList: its type and its value (a URI).
type EPCISTyped struct {
	Type  string
	Value string
}

// EPCISField is one named field (a prefixed name such as cbvmda:lotNumber
// or tl:position) with a string, number or object value.
type EPCISField struct {
	Name  string
	Value any
}

// AllEPCs are every identifier the event names by instance: epcList,
// childEPCs, parentID, inputs and outputs (MATCH_anyEPC).
func (e *EPCISEvent) AllEPCs() []string {
	out := make([]string, 0, len(e.EPCs)+len(e.InputEPCs)+len(e.OutputEPCs)+1)
	out = append(out, e.EPCs...)
	if e.ParentID != "" {
		out = append(out, e.ParentID)
	}
	out = append(out, e.InputEPCs...)
	return append(out, e.OutputEPCs...)
}

// AllClasses are every class the event names in a quantity list.
func (e *EPCISEvent) AllClasses() []string {
	var out []string
	for _, qs := range [][]EPCISQuantity{e.Quantities, e.InputQuantities, e.OutputQuantities} {
		for _, q := range qs {
			out = append(out, q.EPCClass)
		}
	}
	return out
}
