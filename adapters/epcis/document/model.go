package document

import (
	"encoding/json"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
)

// Document is a read EPCIS document.
type Document struct {
	// Format is json-ld or xml.
	Format string
	Events []Event
}

// Event is one EPCIS event, typed.
type Event struct {
	Index               int
	Type                string
	EventID             string
	EventTime           time.Time
	EventTimeZoneOffset string
	Action              string
	// BizStep and Disposition are bare CBV terms ("shipping") for CBV
	// values, the URI otherwise.
	BizStep     string
	Disposition string
	ReadPoint   string
	BizLocation string
	EPCList     []string
	ParentID    string
	ChildEPCs   []string
	InputEPCs   []string
	OutputEPCs  []string
	// Quantities are the quantityList, childQuantityList,
	// inputQuantityList and outputQuantityList entries.
	Quantities       []Quantity
	ChildQuantities  []Quantity
	InputQuantities  []Quantity
	OutputQuantities []Quantity
	BizTransactions  []TypedID
	Sources          []TypedID
	Destinations     []TypedID
	// SensorElements is the sensorElementList as JSON (nil when none).
	SensorElements   json.RawMessage
	ILMD             []eventhash.Node
	ErrorDeclaration *ErrorDeclaration
	// Extensions are the user extension fields ({namespace}local).
	Extensions []eventhash.Node
	// HashID is the CBV 2.0 event hash id.
	HashID string
	// JSONLD is the event as normalised JSON-LD.
	JSONLD json.RawMessage
	tree   eventhash.Event
}

// Quantity is a quantity list entry.
type Quantity struct {
	EPCClass string
	Quantity string
	UOM      string
}

// TypedID is a bizTransaction, source or destination: a type (bare CBV term
// when it is one) and an identifier.
type TypedID struct {
	Type  string
	Value string
}

// ErrorDeclaration says an earlier event was in error.
type ErrorDeclaration struct {
	DeclarationTime    string
	Reason             string
	CorrectiveEventIDs []string
}
