package epcisview

import (
	"encoding/hex"
	"net/url"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// A renderer turns one ledger event into the EPCIS events that render it
// (none: the event is not a physical or business event EPCIS records), and
// folds what later events need of it (a shipment's sender, a batch's
// expiry) into the context. Adding an event type is one function and one
// row of renderers.
type renderer func(c *renderCtx, env *runner.Envelope) []query.EPCISEvent

// renderers is every rendered event type, keyed by the ledger's type name.
// docs/epcis.md lists the same table with the types left out and why.
var renderers = map[string]renderer{
	batch.TypeRegistered:       renderRegistered,
	batch.TypeLabelled:         renderLabelled,
	batch.TypeShipped:          renderShipped,
	batch.TypeReceived:         renderReceived,
	batch.TypeSold:             renderSold,
	batch.TypeRecalled:         renderRecalled,
	batch.TypeReturned:         renderReturned,
	batch.TypeInspected:        renderMarketInspection,
	batch.TypeWithdrawn:        renderWithdrawn,
	batch.TypeDisposed:         renderDisposed,
	customs.TypeDeclared:       renderDeclared,
	customs.TypeInspected:      renderCustomsInspected,
	customs.TypeReleased:       renderReleased,
	customs.TypeRejected:       renderCustomsRejected,
	recall.TypeStarted:         foldRecallStarted,
	TypeEPCISEventCaptured:     renderCaptured,
	TypeContainerPacked:        renderContainer,
	TypeContainerUnpacked:      renderContainer,
	TypeTransformationRecorded: renderTransformation,
	TypeLocationRegistered:     foldLocation,
	epcisquery.TypeDefined:     foldQueryDefined,
	epcisquery.TypeDeleted:     foldQueryDeleted,
}

// Namespaces of the identifiers the ledger writes where GS1 has none: an
// enterprise without a registered GLN is named by its USCC, and the
// ledger's documents (shipments, waybills, declarations, recalls) by
// their numbers.
const (
	// Namespace is the JSON-LD namespace of the ledger's extension fields
	// (prefix "tl"); it ends in "/" as the event hash algorithm needs.
	Namespace = "https://ns.traceledger.org/epcis/"
	// TimeZoneOffset is every rendered event's eventTimeZoneOffset: the
	// ledger records events in China Standard Time.
	TimeZoneOffset = "+08:00"

	usccURN        = "urn:traceledger:uscc:"
	shipmentURN    = "urn:traceledger:shipment:"
	waybillURN     = "urn:traceledger:waybill:"
	declarationURN = "urn:traceledger:declaration:"
	recallURN      = "urn:traceledger:recall:"
	orderURN       = "urn:traceledger:withdrawal-order:"
	portURN        = "urn:traceledger:port:"
	// Business transaction types CBV has no term for.
	bttDeclaration = Namespace + "btt/customs_declaration"
	bttRecall      = Namespace + "btt/recall"
	bttOrder       = Namespace + "btt/withdrawal_order"
)

var cst = time.FixedZone("CST", 8*3600)

// event starts the EPCIS event of env: its times, the ledger's fields
// (event id, type, position: what an auditor needs to fetch its inclusion
// proof) and the batches and enterprises it concerns.
func event(env *runner.Envelope, typ, action, step, disp string, batches []query.BatchKey, enterprises ...string) query.EPCISEvent {
	return query.EPCISEvent{
		Type: typ, Action: action, BizStep: step, Disposition: disp,
		EventTime:     env.Metadata.OccurredAt.In(cst),
		RecordTime:    env.Metadata.RecordedAt.In(cst),
		LedgerEventID: env.ID.String(), LedgerType: env.Type, Position: env.Position, RecordHash: hex.EncodeToString(env.Hash[:]),
		Batches: batches, Enterprises: compact(enterprises),
	}
}

func compact(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// itemEPC is an item's canonical Digital Link (SGTIN): the serial without
// its lot, as the EPC URN names it. The company prefix length is
// irrelevant to the link; 7 only satisfies the constructor.
func itemEPC(gtin, serial string) string {
	g, err1 := ident.ParseGTIN(gtin)
	s, err2 := ident.ParseSerial(serial)
	if err1 != nil || err2 != nil {
		return ""
	}
	e, err := ident.NewSGTIN(g, s, 7)
	if err != nil {
		return ""
	}
	return e.DigitalLink("")
}

// classEPC is a batch's canonical Digital Link (LGTIN).
func classEPC(gtin, lot string) string {
	g, err1 := ident.ParseGTIN(gtin)
	l, err2 := ident.ParseLot(lot)
	if err1 != nil || err2 != nil {
		return ""
	}
	e, err := ident.NewLGTIN(g, l, 7)
	if err != nil {
		return ""
	}
	return e.DigitalLink("")
}

// units fills epcList with the serials and quantityList with the
// unlabelled units of a batch.
func units(ev *query.EPCISEvent, gtin, lot string, u batch.Units) {
	for _, s := range u.Serials {
		if e := itemEPC(gtin, s); e != "" {
			ev.EPCs = append(ev.EPCs, e)
		}
	}
	if u.Quantity > 0 {
		ev.Quantities = append(ev.Quantities, query.EPCISQuantity{EPCClass: classEPC(gtin, lot), Quantity: float64(u.Quantity)})
	}
}

// wholeBatch names a batch as a class, without a quantity (a recall or
// an inspection concerns the batch, not counted units).
func wholeBatch(ev *query.EPCISEvent, gtin, lot string) {
	ev.Quantities = append(ev.Quantities, query.EPCISQuantity{EPCClass: classEPC(gtin, lot)})
}

func key(gtin, lot string) []query.BatchKey { return []query.BatchKey{{GTIN: gtin, Lot: lot}} }

func escape(s string) string { return url.PathEscape(s) }

// at sets readPoint and bizLocation to where an enterprise is.
func (c *renderCtx) at(ev *query.EPCISEvent, uscc string) {
	loc := c.location(uscc)
	ev.ReadPoint, ev.BizLocation = loc, loc
}

// location is an enterprise's location: its GLN's Digital Link once a
// GLN is registered for it, else a URN of its USCC.
func (c *renderCtx) location(uscc string) string {
	if gln, ok := c.gln(uscc); ok {
		return "https://id.gs1.org/414/" + gln
	}
	return usccURN + uscc
}

func (c *renderCtx) party(uscc string) []query.EPCISTyped {
	loc := c.location(uscc)
	return []query.EPCISTyped{{Type: "owning_party", Value: loc}, {Type: "possessing_party", Value: loc}}
}

func ext(ev *query.EPCISEvent, name string, v any) {
	ev.Extensions = append(ev.Extensions, query.EPCISField{Name: "tl:" + name, Value: v})
}
