package epcisview

import (
	"encoding/json"
	"strings"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
)

// Event types other parts of the ledger record, rendered here by their
// stored JSON so that this package needs none of their Go types. MERGE:
// when EPCIS capture, containers and transformations land, check each
// name and the JSON members the structs below read against their events.
const (
	// TypeEPCISEventCaptured records an event captured as EPCIS: its hash
	// id, the original event as normalised JSON-LD and the ids of the
	// domain events it produced (appended after it, in the same append).
	TypeEPCISEventCaptured = "epcis.event_captured.v1"
	// TypeContainerPacked and TypeContainerUnpacked put units into and take
	// them out of a case or pallet (SSCC).
	TypeContainerPacked   = "container.packed.v1"
	TypeContainerUnpacked = "container.unpacked.v1"
	// TypeTransformationRecorded turns input batches into output batches.
	TypeTransformationRecorded = "transformation.recorded.v1"
	// TypeLocationRegistered binds an enterprise's USCC to a GLN.
	TypeLocationRegistered = "enterprise.location_registered.v1"
)

// renderCaptured answers a captured event as it was captured (its
// original, with its own hash id), and skips the domain events it
// produced: they are the ledger's reading of this one event.
func renderCaptured(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	var rec struct {
		HashID       string   `json:"hash_id"`
		Document     string   `json:"document"`
		DomainEvents []string `json:"domain_events"`
		Batches      []string `json:"batches"`
		Enterprises  []string `json:"enterprises"`
	}
	if json.Unmarshal(env.Data, &rec) != nil || rec.Document == "" {
		return nil
	}
	for _, id := range rec.DomainEvents {
		c.skip(id)
	}
	var o struct {
		Type, Action, BizStep, Disposition string
		ReadPoint, BizLocation             struct{ ID string }
		EPCList, ChildEPCs                 []string
		ParentID                           string
		InputEPCList, OutputEPCList        []string
		QuantityList                       []struct{ EPCClass string }
	}
	if json.Unmarshal([]byte(rec.Document), &o) != nil {
		return nil
	}
	var batches []query.BatchKey
	for _, b := range rec.Batches {
		if gtin, lot, ok := strings.Cut(b, "/"); ok {
			batches = append(batches, query.BatchKey{GTIN: gtin, Lot: lot})
		}
	}
	ev := event(env, o.Type, o.Action, shortCBV(o.BizStep), shortCBV(o.Disposition), batches, append([]string{env.Metadata.ActorUSCC}, rec.Enterprises...)...)
	ev.Original, ev.EventID = json.RawMessage(rec.Document), rec.HashID
	ev.ReadPoint, ev.BizLocation, ev.ParentID = o.ReadPoint.ID, o.BizLocation.ID, canonicalEPC(o.ParentID)
	for _, e := range append(o.EPCList, o.ChildEPCs...) {
		ev.EPCs = append(ev.EPCs, canonicalEPC(e))
	}
	for _, e := range o.InputEPCList {
		ev.InputEPCs = append(ev.InputEPCs, canonicalEPC(e))
	}
	for _, e := range o.OutputEPCList {
		ev.OutputEPCs = append(ev.OutputEPCs, canonicalEPC(e))
	}
	for _, q := range o.QuantityList {
		ev.Quantities = append(ev.Quantities, query.EPCISQuantity{EPCClass: canonicalEPC(q.EPCClass)})
	}
	return []query.EPCISEvent{ev}
}

// shortCBV is a CBV value's short name ("shipping" for its URI forms).
func shortCBV(v string) string {
	for _, p := range []string{"https://ns.gs1.org/cbv/BizStep-", "https://ns.gs1.org/cbv/Disp-",
		"urn:epcglobal:cbv:bizstep:", "urn:epcglobal:cbv:disp:", "cbv:BizStep-", "cbv:Disp-"} {
		if strings.HasPrefix(v, p) {
			return strings.TrimPrefix(v, p)
		}
	}
	return v
}

// canonicalEPC is an SGTIN's or LGTIN's canonical Digital Link, whichever
// form it came in; other identifiers as they are.
func canonicalEPC(e string) string {
	if s, err := ident.ParseSGTIN(e); err == nil {
		return s.DigitalLink("")
	}
	if l, err := ident.ParseLGTIN(e); err == nil {
		return l.DigitalLink("")
	}
	if s, err := ident.SGTINFromDigitalLink(e, 7); err == nil {
		return s.DigitalLink("")
	}
	if l, err := ident.LGTINFromDigitalLink(e, 7); err == nil {
		return l.DigitalLink("")
	}
	return e
}

// renderContainer: units and inner cases packed into (ADD) or unpacked
// from (DELETE) a case or pallet, one AggregationEvent whose parent is the
// SSCC and whose children are the units and the inner cases' SSCCs. The
// units' side on their batches (goods.packed.v1, goods.unpacked.v1) and a
// case's own record of its pallet (container.nested.v1, .unnested.v1) are
// this same act and render as nothing.
func renderContainer(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	var p struct {
		SSCC  string `json:"sscc"`
		Items []struct {
			GTIN   string `json:"gtin"`
			Lot    string `json:"lot"`
			Serial string `json:"serial"`
		} `json:"items"`
		Containers []string `json:"containers"`
		HolderUSCC string   `json:"holder_uscc"`
	}
	if json.Unmarshal(env.Data, &p) != nil || p.SSCC == "" {
		return nil
	}
	action, step := "ADD", "packing"
	if env.Type == TypeContainerUnpacked {
		action, step = "DELETE", "unpacking"
	}
	var batches []query.BatchKey
	seen := map[query.BatchKey]bool{}
	for _, it := range p.Items {
		if k := (query.BatchKey{GTIN: it.GTIN, Lot: it.Lot}); !seen[k] {
			seen[k] = true
			batches = append(batches, k)
		}
	}
	ev := event(env, "AggregationEvent", action, step, "", batches, p.HolderUSCC)
	ev.ParentID = ssccEPC(p.SSCC)
	for _, it := range p.Items {
		ev.EPCs = append(ev.EPCs, itemEPC(it.GTIN, it.Serial))
	}
	for _, inner := range p.Containers {
		ev.EPCs = append(ev.EPCs, ssccEPC(inner))
	}
	c.at(&ev, p.HolderUSCC)
	return []query.EPCISEvent{ev}
}

// ssccEPC is an SSCC's canonical Digital Link.
func ssccEPC(sscc string) string { return "https://id.gs1.org/00/" + sscc }

// renderTransformation: input batches consumed into output batches.
func renderTransformation(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	type line struct {
		GTIN     string   `json:"gtin"`
		Lot      string   `json:"lot"`
		Serials  []string `json:"serials"`
		Quantity int64    `json:"quantity"`
	}
	var t struct {
		TransformationID string `json:"transformation_id"`
		EnterpriseUSCC   string `json:"transformer_uscc"`
		Inputs           []line `json:"inputs"`
		Outputs          []line `json:"outputs"`
	}
	if json.Unmarshal(env.Data, &t) != nil {
		return nil
	}
	var batches []query.BatchKey
	for _, l := range append(append([]line{}, t.Inputs...), t.Outputs...) {
		batches = append(batches, query.BatchKey{GTIN: l.GTIN, Lot: l.Lot})
	}
	ev := event(env, "TransformationEvent", "", "commissioning", "active", batches, t.EnterpriseUSCC)
	for _, l := range t.Inputs {
		for _, s := range l.Serials {
			ev.InputEPCs = append(ev.InputEPCs, itemEPC(l.GTIN, s))
		}
		if l.Quantity > 0 {
			ev.InputQuantities = append(ev.InputQuantities, query.EPCISQuantity{EPCClass: classEPC(l.GTIN, l.Lot), Quantity: float64(l.Quantity)})
		}
	}
	for _, l := range t.Outputs {
		ev.OutputQuantities = append(ev.OutputQuantities, query.EPCISQuantity{EPCClass: classEPC(l.GTIN, l.Lot), Quantity: float64(l.Quantity)})
	}
	c.at(&ev, t.EnterpriseUSCC)
	return []query.EPCISEvent{ev}
}

// foldLocation remembers an enterprise's first GLN: events recorded after
// it name the enterprise's location by that GLN instead of its USCC.
func foldLocation(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	var l struct {
		USCC      string `json:"uscc"`
		GLN       string `json:"gln"`
		Extension string `json:"extension"`
	}
	if json.Unmarshal(env.Data, &l) != nil || l.USCC == "" || l.GLN == "" || l.Extension != "" {
		return nil
	}
	if _, known := c.gln(l.USCC); !known {
		c.setGLN(l.USCC, l.GLN)
	}
	return nil
}

// foldQueryDefined and foldQueryDeleted keep the named queries (which
// render as nothing: they are the query interface's own master data).
func foldQueryDefined(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	d := env.Event.(epcisquery.Defined)
	c.setQuery(d.Owner, d.Name, d.Query)
	return nil
}

func foldQueryDeleted(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	d := env.Event.(epcisquery.Deleted)
	c.deleteQuery(d.Owner, d.Name)
	return nil
}
