package command

import (
	"strconv"
	"time"
)

// CaptureEPCIS captures the events of one EPCIS document as one unit: every
// event is judged, and either all are recorded in one atomic append or
// none is and the document is refused with each event's faults (a
// *CaptureRefused). The port (adapters/epcis/document) reads the document
// into these inputs: identifiers in the ledger's spellings, CBV values as
// bare terms.
type CaptureEPCIS struct {
	// JobID names the capture job; every event the capture appends
	// carries it as its correlation id.
	JobID string `json:"-"`
	// Format is the document's syntax (json-ld or xml), kept in the job.
	Format string       `json:"format"`
	Events []EPCISEvent `json:"events"`
}

// EPCISEvent is one EPCIS event as capture maps it.
type EPCISEvent struct {
	// HashID is the event's CBV 2.0 hash id, computed by the port.
	HashID string `json:"hash_id"`
	// EventID is the document's own eventID, if any.
	EventID   string    `json:"event_id,omitempty" text:"512"`
	Type      string    `json:"type"`
	EventTime time.Time `json:"event_time"`
	Action    string    `json:"action,omitempty"`
	// BizStep and Disposition are bare CBV terms ("shipping") when the
	// value is the CBV's, the URI otherwise.
	BizStep     string `json:"biz_step,omitempty" text:"512"`
	Disposition string `json:"disposition,omitempty" text:"512"`
	ReadPoint   Place  `json:"read_point"`
	BizLocation Place  `json:"biz_location"`
	// Sources and Destinations are the sourceList and destinationList.
	Sources      []Party `json:"sources,omitempty"`
	Destinations []Party `json:"destinations,omitempty"`
	// EPCs are every identifier the event names (epcList, childEPCs,
	// parentID, input and output EPCs, quantity classes) as written.
	EPCs []string `json:"epcs,omitempty" text:"512"`
	// Items are the instance identifiers (epcList, or outputEPCList)
	// as item codes: Digital Link paths, or SGTIN URNs when no lot is known.
	Items []string `json:"items,omitempty"`
	// Lines are the quantity list's entries of a lot (LGTIN).
	Lines []QuantityLine `json:"lines,omitempty"`
	// ParentSSCC is an AggregationEvent's parentID as an SSCC ("" when it
	// names no SSCC).
	ParentSSCC string `json:"parent_sscc,omitempty"`
	// Containers are the SSCCs of epcList and childEPCs.
	Containers []string `json:"containers,omitempty"`
	// InputItems and OutputItems are a TransformationEvent's input and
	// output instance identifiers that name trade items, as Items.
	InputItems  []string `json:"input_items,omitempty"`
	OutputItems []string `json:"output_items,omitempty"`
	// InputLines and OutputLines are its input and output quantity lists'
	// lots; a line without a quantity (0) is an input's whole lot, or an
	// output lot.
	InputLines  []QuantityLine `json:"input_lines,omitempty"`
	OutputLines []QuantityLine `json:"output_lines,omitempty"`
	// Lot is the ilmd's lot number (commissioning of SGTINs).
	Lot             string             `json:"lot,omitempty"`
	BizTransactions []EPCISTransaction `json:"biz_transactions,omitempty"`
	// DeclarationNo is a customs declaration a bizTransaction or an
	// extension names.
	DeclarationNo string `json:"declaration_no,omitempty"`
	// Document is the event as normalised JSON-LD.
	Document string `json:"document" text:"65536"`
	// SensorElements is the sensorElementList as JSON ("" when none).
	SensorElements string `json:"sensor_elements,omitempty" text:"65536"`
}

// Place is a readPoint or bizLocation: a GLN with its SGLN extension, or
// Raw when the identifier is no GLN.
type Place struct {
	GLN       string `json:"gln,omitempty"`
	Extension string `json:"extension,omitempty"`
	Raw       string `json:"raw,omitempty" text:"512"`
}

// Party is a sourceList or destinationList entry: its CBV type
// (owning_party, possessing_party, location) and where it resolves.
type Party struct {
	Type string `json:"type"`
	Place
}

// EPCISTransaction is a bizTransactionList entry.
type EPCISTransaction struct {
	Type  string `json:"type,omitempty" text:"512"`
	Value string `json:"value" text:"512"`
}

// EventError is one event's fault in a refused document: the event's index
// in the document (from 0), the field, the rule it breaks and why.
type EventError struct {
	Index   int      `json:"index"`
	Field   string   `json:"field,omitempty"`
	Rule    string   `json:"rule"`
	Reason  string   `json:"reason,omitempty"`
	Params  []string `json:"params,omitempty"`
	Message string   `json:"message"`
}

// CaptureRefused refuses a whole document: nothing of it was appended.
type CaptureRefused struct {
	Errors []EventError
}

func (e *CaptureRefused) Error() string {
	if len(e.Errors) == 0 {
		return "EPCIS document refused"
	}
	f := e.Errors[0]
	return "EPCIS document refused: event " + strconv.Itoa(f.Index) + ": " + f.Rule + ": " + f.Message
}

// EventResult is one event's outcome in a capture that succeeded.
type EventResult struct {
	Index  int    `json:"index"`
	HashID string `json:"hash_id"`
	// Outcome is captured, or already_captured (the same event hash was
	// captured before, or earlier in the document: nothing appended).
	Outcome string `json:"outcome"`
	// Command is the ledger command the event became ("" for none).
	Command string `json:"command,omitempty"`
	// Events are the domain events the command appended.
	Events []Appended `json:"events,omitempty"`
}

// CaptureOutcome is what a capture appended: every record of the append,
// and each event's result.
type CaptureOutcome struct {
	JobID   string        `json:"job_id"`
	Results []EventResult `json:"results"`
	Outcome
}

// NewJobID makes a capture job id.
func (h *Handlers) NewJobID() string { return h.newID().String() }
