package querydoc

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/traceledger/traceledger/app/query"
)

// XML writes an EPCISQueryDocument in the EPCIS 2.0 XML syntax (the
// query schema's EPCISQueryDocument), CBV values as URNs. An event
// captured as EPCIS is written from its fields, not its JSON-LD original.
func XML(p Page) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2" xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="urn:epcglobal:cbv:mda" xmlns:tl="%s" schemaVersion="2.0" creationDate="%s">`, Namespace, stamp(p.Created))
	b.WriteString(`<EPCISBody><epcisq:QueryResults><queryName>`)
	esc(&b, p.QueryName)
	b.WriteString(`</queryName><resultsBody><EventList>`)
	for i := range p.Events {
		eventXML(&b, &p.Events[i], p.Format)
	}
	b.WriteString(`</EventList></resultsBody></epcisq:QueryResults></EPCISBody>`)
	if p.Checkpoint != "" {
		b.WriteString(`<tl:checkpoint>`)
		esc(&b, p.Checkpoint)
		b.WriteString(`</tl:checkpoint><tl:proofs>`)
		for _, pr := range p.Proofs {
			fmt.Fprintf(&b, `<tl:proof eventID="%s" recordHash="%s" position="%d" leafIndex="%d" treeSize="%d">`, attr(pr.EventID), pr.RecordHash, pr.Position, pr.LeafIndex, pr.TreeSize)
			for _, h := range pr.Hashes {
				el(&b, "tl:hash", h)
			}
			b.WriteString(`</tl:proof>`)
		}
		b.WriteString(`</tl:proofs>`)
	}
	b.WriteString(`</epcisq:EPCISQueryDocument>` + "\n")
	return b.Bytes()
}

func esc(b *bytes.Buffer, s string) { _ = xml.EscapeText(b, []byte(s)) }

func attr(s string) string {
	var b bytes.Buffer
	esc(&b, s)
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

func el(b *bytes.Buffer, name, v string) {
	b.WriteString("<" + name + ">")
	esc(b, v)
	b.WriteString("</" + name + ">")
}

func eventXML(b *bytes.Buffer, ev *query.EPCISEvent, f EPCFormat) {
	b.WriteString("<" + ev.Type + ">")
	el(b, "eventTime", stamp(ev.EventTime))
	el(b, "recordTime", stamp(ev.RecordTime))
	el(b, "eventTimeZoneOffset", ev.EventTime.Format("-07:00"))
	if ev.EventID != "" {
		el(b, "eventID", ev.EventID)
	}
	list := func(name string, l []string) {
		if len(l) == 0 {
			return
		}
		b.WriteString("<" + name + ">")
		for _, e := range l {
			el(b, "epc", epc(e, f))
		}
		b.WriteString("</" + name + ">")
	}
	qty := func(name string, l []query.EPCISQuantity) {
		if len(l) == 0 {
			return
		}
		b.WriteString("<" + name + ">")
		for _, q := range l {
			b.WriteString("<quantityElement>")
			el(b, "epcClass", epc(q.EPCClass, f))
			if q.Quantity != 0 {
				el(b, "quantity", strconv.FormatFloat(q.Quantity, 'f', -1, 64))
				if q.UOM != "" {
					el(b, "uom", q.UOM)
				}
			}
			b.WriteString("</quantityElement>")
		}
		b.WriteString("</" + name + ">")
	}
	typed := func(list, item, field string, l []query.EPCISTyped) {
		if len(l) == 0 {
			return
		}
		b.WriteString("<" + list + ">")
		for _, t := range l {
			if t.Type != "" {
				fmt.Fprintf(b, `<%s type="%s">`, item, attr(cbvXML(field, t.Type)))
			} else {
				b.WriteString("<" + item + ">")
			}
			esc(b, t.Value)
			b.WriteString("</" + item + ">")
		}
		b.WriteString("</" + list + ">")
	}
	where := func() {
		if ev.BizStep != "" {
			el(b, "bizStep", cbvXML("bizStep", ev.BizStep))
		}
		if ev.Disposition != "" {
			el(b, "disposition", cbvXML("disposition", ev.Disposition))
		}
		if ev.ReadPoint != "" {
			b.WriteString("<readPoint>")
			el(b, "id", ev.ReadPoint)
			b.WriteString("</readPoint>")
		}
		if ev.BizLocation != "" {
			b.WriteString("<bizLocation>")
			el(b, "id", ev.BizLocation)
			b.WriteString("</bizLocation>")
		}
		typed("bizTransactionList", "bizTransaction", "btt", ev.BizTransactions)
	}
	switch ev.Type {
	case "AggregationEvent":
		if ev.ParentID != "" {
			el(b, "parentID", epc(ev.ParentID, f))
		}
		list("childEPCs", ev.EPCs)
		el(b, "action", ev.Action)
		where()
		qty("childQuantityList", ev.Quantities)
	case "TransformationEvent":
		list("inputEPCList", ev.InputEPCs)
		qty("inputQuantityList", ev.InputQuantities)
		list("outputEPCList", ev.OutputEPCs)
		qty("outputQuantityList", ev.OutputQuantities)
		where()
	default:
		list("epcList", ev.EPCs)
		el(b, "action", ev.Action)
		where()
		qty("quantityList", ev.Quantities)
	}
	typed("sourceList", "source", "sdt", ev.Sources)
	typed("destinationList", "destination", "sdt", ev.Destinations)
	if len(ev.ILMD) > 0 && ev.Type != "AggregationEvent" {
		b.WriteString("<ilmd>")
		for _, fl := range ev.ILMD {
			el(b, fl.Name, text(fl.Value))
		}
		b.WriteString("</ilmd>")
	}
	for _, x := range ev.Extensions {
		el(b, x.Name, text(x.Value))
	}
	b.WriteString("</" + ev.Type + ">")
}

// text writes a field's value as XML text: whole numbers without an
// exponent (a position restored from a snapshot is a float64).
func text(v any) string {
	if f, ok := v.(float64); ok && f == float64(int64(f)) {
		return strconv.FormatInt(int64(f), 10)
	}
	return fmt.Sprint(v)
}
