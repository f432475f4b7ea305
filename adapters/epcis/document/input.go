package document

import (
	"strings"

	"github.com/traceledger/traceledger/app/command"
)

// Input is the capture input of a read document.
func (d *Document) Input(jobID string) command.CaptureEPCIS {
	in := command.CaptureEPCIS{JobID: jobID, Format: d.Format, Events: make([]command.EPCISEvent, len(d.Events))}
	for i, ev := range d.Events {
		in.Events[i] = ev.Input()
	}
	return in
}

// Input is the event as capture maps it: locations and parties as GLNs,
// instance identifiers as item codes, lot quantities as quantity lines.
func (ev Event) Input() command.EPCISEvent {
	in := command.EPCISEvent{HashID: ev.HashID, EventID: ev.EventID, Type: ev.Type, EventTime: ev.EventTime, Action: ev.Action,
		BizStep: ev.BizStep, Disposition: ev.Disposition, ReadPoint: place(ev.ReadPoint), BizLocation: place(ev.BizLocation),
		Document: string(ev.JSONLD), Lot: ev.lotNumber(), DeclarationNo: ev.declarationNo()}
	if len(ev.SensorElements) > 0 {
		in.SensorElements = string(ev.SensorElements)
	}
	for _, s := range ev.Sources {
		in.Sources = append(in.Sources, command.Party{Type: s.Type, Place: place(s.Value)})
	}
	for _, s := range ev.Destinations {
		in.Destinations = append(in.Destinations, command.Party{Type: s.Type, Place: place(s.Value)})
	}
	for _, t := range ev.BizTransactions {
		in.BizTransactions = append(in.BizTransactions, command.EPCISTransaction{Type: t.Type, Value: t.Value})
	}
	instances := [][]string{ev.EPCList, ev.ChildEPCs, ev.InputEPCs, ev.OutputEPCs}
	for _, list := range instances {
		for _, id := range list {
			in.EPCs = append(in.EPCs, id)
			if isItem(id) {
				in.Items = append(in.Items, id)
			}
		}
	}
	if ev.ParentID != "" {
		in.EPCs = append(in.EPCs, ev.ParentID)
	}
	if id, ok := sscc(ev.ParentID); ok {
		in.ParentSSCC = id
	}
	for _, list := range [][]string{ev.EPCList, ev.ChildEPCs} {
		for _, id := range list {
			if s, ok := sscc(id); ok {
				in.Containers = append(in.Containers, s)
			}
		}
	}
	if ev.Type == "TransformationEvent" {
		in.InputItems, in.OutputItems = itemsOf(ev.InputEPCs), itemsOf(ev.OutputEPCs)
		in.InputLines, in.OutputLines = lotsOf(ev.InputQuantities, false), lotsOf(ev.OutputQuantities, true)
	}
	for _, qs := range [][]Quantity{ev.Quantities, ev.ChildQuantities, ev.InputQuantities, ev.OutputQuantities} {
		for _, q := range qs {
			in.EPCs = append(in.EPCs, q.EPCClass)
			if g, l, n, ok := lotLine(q); ok {
				in.Lines = append(in.Lines, command.QuantityLine{GTIN: g, Lot: l, Quantity: n})
			}
		}
	}
	return in
}

func place(id string) command.Place {
	if id == "" {
		return command.Place{}
	}
	if g, ext, ok := gln(id); ok {
		return command.Place{GLN: g, Extension: ext}
	}
	return command.Place{Raw: id}
}

// lotNumber is the ilmd's lot number (cbvmda:lotNumber).
func (ev Event) lotNumber() string {
	for _, n := range ev.ILMD {
		if n.Name == "{urn:epcglobal:cbv:mda:}lotNumber" || n.Name == "{https://ref.gs1.org/cbv/}lotNumber" {
			return n.Value
		}
	}
	return ""
}

// declarationNo is the customs declaration the event names: a
// bizTransaction whose type is a customs declaration, or an extension
// field named declarationNo or customsDeclaration.
func (ev Event) declarationNo() string {
	for _, t := range ev.BizTransactions {
		if strings.Contains(strings.ToLower(t.Type), "customs") || strings.HasSuffix(strings.ToLower(t.Type), "declaration") {
			return t.Value
		}
	}
	for _, n := range ev.Extensions {
		_, local, _ := strings.Cut(n.Name, "}")
		if local == "declarationNo" || local == "customsDeclaration" {
			return n.Value
		}
	}
	return ""
}

// itemsOf are the identifiers of list that name one trade item.
func itemsOf(list []string) []string {
	var out []string
	for _, id := range list {
		if isItem(id) {
			out = append(out, id)
		}
	}
	return out
}

// lotsOf are a transformation's quantity entries of a lot. An input counts
// units: a counted entry gives its count, one without a quantity none
// (the whole lot), and a measured one (kg, litres) is left out, as
// everywhere the ledger counts units. An output names its lot whatever its
// quantity.
func lotsOf(qs []Quantity, output bool) []command.QuantityLine {
	var out []command.QuantityLine
	for _, q := range qs {
		if g, l, n, ok := lotLine(q); ok {
			out = append(out, command.QuantityLine{GTIN: g, Lot: l, Quantity: n})
			continue
		}
		if !output && q.Quantity != "" {
			continue
		}
		if l, err := lgtinOf(q.EPCClass); err == nil {
			out = append(out, command.QuantityLine{GTIN: l.GTIN().String(), Lot: l.Lot().String()})
		}
	}
	return out
}
