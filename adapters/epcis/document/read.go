package document

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/traceledger/traceledger/adapters/epcis/eventhash"
)

// Capture limits, advertised by the capture interface.
const (
	// MaxEvents is the most events one captured document holds.
	MaxEvents = 10_000
	// MaxBytes is the largest captured document.
	MaxBytes = 16 << 20
	// MaxEventBytes is the largest event, as normalised JSON-LD.
	MaxEventBytes = 64 << 10
)

// Formats of a document.
const (
	FormatJSONLD = "json-ld"
	FormatXML    = "xml"
)

// ErrNotEPCISDocument is a body that is no EPCISDocument (or
// EPCISQueryDocument, which the binding lets a client capture too) of its
// syntax.
var ErrNotEPCISDocument = errors.New("not an EPCISDocument")

// ErrTooLarge is a document beyond the capture limits.
var ErrTooLarge = errors.New("beyond the capture limits")

// Read reads an EPCISDocument of format (FormatJSONLD or FormatXML). A
// document it cannot read at all is an error; an event that breaks a rule
// of the standard or a limit is a Fault beside the events it could read.
func Read(format string, body []byte) (*Document, []Fault, error) {
	if len(body) > MaxBytes {
		return nil, nil, fmt.Errorf("%w: the document is %d bytes, more than %d", ErrTooLarge, len(body), MaxBytes)
	}
	var evs []eventhash.Event
	var err error
	switch format {
	case FormatJSONLD:
		if err = isJSONDocument(body); err == nil {
			evs, err = eventhash.ParseJSONLD(bytes.NewReader(body))
		}
	case FormatXML:
		if err = isXMLDocument(body); err == nil {
			evs, err = eventhash.ParseXML(bytes.NewReader(body))
		}
	default:
		return nil, nil, fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case len(evs) == 0:
		return nil, nil, errors.New("the document's eventList holds no event")
	case len(evs) > MaxEvents:
		return nil, nil, fmt.Errorf("%w: the document holds %d events, more than %d", ErrTooLarge, len(evs), MaxEvents)
	}
	d := &Document{Format: format}
	var faults []Fault
	for i, t := range evs {
		ev, fs := readEvent(i, t)
		d.Events = append(d.Events, ev)
		faults = append(faults, fs...)
	}
	return d, faults, nil
}

// isJSONDocument checks the top of a JSON-LD body: an object whose type is
// EPCISDocument.
func isJSONDocument(body []byte) error {
	var top struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return fmt.Errorf("parse EPCIS JSON-LD: %w", err)
	}
	if top.Type != "EPCISDocument" && top.Type != "EPCISQueryDocument" {
		return fmt.Errorf("%w: type is %q", ErrNotEPCISDocument, top.Type)
	}
	return nil
}

// isXMLDocument checks the root element of an XML body.
func isXMLDocument(body []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return fmt.Errorf("%w: no root element", ErrNotEPCISDocument)
		}
		if err != nil {
			return fmt.Errorf("parse EPCIS XML: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "EPCISDocument" && se.Name.Local != "EPCISQueryDocument" {
				return fmt.Errorf("%w: root element is %s", ErrNotEPCISDocument, se.Name.Local)
			}
			return nil
		}
	}
}

// readEvent types one event of the neutral tree.
func readEvent(i int, t eventhash.Event) (Event, []Fault) {
	ev := Event{Index: i, Type: t.Type, tree: t}
	for _, n := range t.Fields {
		switch n.Name {
		case "eventID":
			ev.EventID = n.Value
		case "eventTimeZoneOffset":
			ev.EventTimeZoneOffset = n.Value
		case "action":
			ev.Action = n.Value
		case "bizStep":
			ev.BizStep = term("bizStep", n.Value)
		case "disposition":
			ev.Disposition = term("disposition", n.Value)
		case "readPoint":
			ev.ReadPoint = childValue(n, "id")
		case "bizLocation":
			ev.BizLocation = childValue(n, "id")
		case "epcList":
			ev.EPCList = values(n)
		case "parentID":
			ev.ParentID = n.Value
		case "childEPCs":
			ev.ChildEPCs = values(n)
		case "inputEPCList":
			ev.InputEPCs = values(n)
		case "outputEPCList":
			ev.OutputEPCs = values(n)
		case "quantityList":
			ev.Quantities = quantities(n)
		case "childQuantityList":
			ev.ChildQuantities = quantities(n)
		case "inputQuantityList":
			ev.InputQuantities = quantities(n)
		case "outputQuantityList":
			ev.OutputQuantities = quantities(n)
		case "bizTransactionList":
			ev.BizTransactions = typed(n, "btt")
		case "sourceList":
			ev.Sources = typed(n, "sdt")
		case "destinationList":
			ev.Destinations = typed(n, "sdt")
		case "sensorElementList":
			ev.SensorElements, _ = json.Marshal(listJSON(n))
		case "ilmd":
			ev.ILMD = n.Children
		case "errorDeclaration":
			ev.ErrorDeclaration = &ErrorDeclaration{DeclarationTime: childValue(n, "declarationTime"), Reason: term("er", childValue(n, "reason"))}
			for _, c := range n.Children {
				if c.Name == "correctiveEventIDs" {
					ev.ErrorDeclaration.CorrectiveEventIDs = append(ev.ErrorDeclaration.CorrectiveEventIDs, correctiveIDs(c)...)
				}
			}
		default:
			if strings.HasPrefix(n.Name, "{") {
				ev.Extensions = append(ev.Extensions, n)
			}
		}
	}
	faults := check(&ev)
	return ev, faults
}

// correctiveIDs are the ids of a correctiveEventIDs node: its value (JSON-LD)
// or its correctiveEventID children (XML).
func correctiveIDs(n eventhash.Node) []string {
	if n.Value != "" {
		return []string{n.Value}
	}
	return values(n)
}

func childValue(n eventhash.Node, name string) string {
	for _, c := range n.Children {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func values(n eventhash.Node) []string {
	out := make([]string, 0, len(n.Children))
	for _, c := range n.Children {
		out = append(out, c.Value)
	}
	return out
}

func quantities(n eventhash.Node) []Quantity {
	var out []Quantity
	for _, c := range n.Children {
		out = append(out, Quantity{EPCClass: childValue(c, "epcClass"), Quantity: childValue(c, "quantity"), UOM: childValue(c, "uom")})
	}
	return out
}

func typed(n eventhash.Node, voc string) []TypedID {
	var out []TypedID
	for _, c := range n.Children {
		out = append(out, TypedID{Type: term(voc, childValue(c, "type")), Value: c.Value})
	}
	return out
}
