package epcisview

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/runner"
)

// renderRegistered: a batch produced or imported comes into existence as a
// class: ObjectEvent ADD creating_class_instance of its quantity, with
// its lot and expiry as lot master data.
func renderRegistered(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(batch.Registered)
	c.setBatch(r.GTIN, r.Lot, batchInfo{Owner: r.OwnerUSCC, ExpiresOn: r.ExpiresOn})
	ev := event(env, "ObjectEvent", "ADD", "creating_class_instance", "active", key(r.GTIN, r.Lot), r.OwnerUSCC)
	ev.Quantities = []query.EPCISQuantity{{EPCClass: classEPC(r.GTIN, r.Lot), Quantity: float64(r.Quantity)}}
	c.at(&ev, r.OwnerUSCC)
	ev.ILMD = lotData(r.Lot, r.ExpiresOn, r.ProducedOn)
	return []query.EPCISEvent{ev}
}

func lotData(lot, expires, produced string) []query.EPCISField {
	f := []query.EPCISField{{Name: "cbvmda:lotNumber", Value: lot}}
	if expires != "" {
		f = append(f, query.EPCISField{Name: "cbvmda:itemExpirationDate", Value: expires})
	}
	if produced != "" {
		f = append(f, query.EPCISField{Name: "cbvmda:productionDate", Value: produced})
	}
	return f
}

// renderLabelled: labels bound to units are their commissioning.
func renderLabelled(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	l := env.Event.(batch.Labelled)
	ev := event(env, "ObjectEvent", "ADD", "commissioning", "active", key(l.GTIN, l.Lot), l.OwnerUSCC)
	units(&ev, l.GTIN, l.Lot, batch.Units{Serials: l.Serials})
	c.at(&ev, l.OwnerUSCC)
	b := c.batch(l.GTIN, l.Lot)
	ev.ILMD = lotData(l.Lot, b.ExpiresOn, "")
	return []query.EPCISEvent{ev}
}

// renderShipped: units leaving the sender, in transit to the receiver.
func renderShipped(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	s := env.Event.(batch.Shipped)
	c.setShipment(s.ShipmentID, shipmentInfo{From: s.FromUSCC, To: s.ToUSCC})
	ev := event(env, "ObjectEvent", "OBSERVE", "shipping", "in_transit", key(s.GTIN, s.Lot), s.FromUSCC, s.ToUSCC)
	units(&ev, s.GTIN, s.Lot, s.Units)
	c.at(&ev, s.FromUSCC)
	ev.BizTransactions = []query.EPCISTyped{{Type: "desadv", Value: shipmentURN + escape(s.ShipmentID)}}
	if s.Waybill != "" {
		ev.BizTransactions = append(ev.BizTransactions, query.EPCISTyped{Type: "bol", Value: waybillURN + escape(s.Waybill)})
	}
	ev.Sources, ev.Destinations = c.party(s.FromUSCC), c.party(s.ToUSCC)
	return []query.EPCISEvent{ev}
}

// renderReceived: the receiver confirmed the units of a shipment.
func renderReceived(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(batch.Received)
	from := c.shipment(r.ShipmentID).From
	ev := event(env, "ObjectEvent", "OBSERVE", "receiving", "sellable_accessible", key(r.GTIN, r.Lot), r.ToUSCC, from)
	units(&ev, r.GTIN, r.Lot, r.Units)
	c.at(&ev, r.ToUSCC)
	ev.BizTransactions = []query.EPCISTyped{{Type: "desadv", Value: shipmentURN + escape(r.ShipmentID)}}
	if from != "" {
		ev.Sources = c.party(from)
	}
	ev.Destinations = c.party(r.ToUSCC)
	return []query.EPCISEvent{ev}
}

// renderSold: units sold to consumers; the channel rides as an extension.
func renderSold(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	s := env.Event.(batch.Sold)
	ev := event(env, "ObjectEvent", "OBSERVE", "retail_selling", "retail_sold", key(s.GTIN, s.Lot), s.SellerUSCC)
	units(&ev, s.GTIN, s.Lot, s.Units)
	c.at(&ev, s.SellerUSCC)
	if s.Channel != "" {
		ext(&ev, "channel", s.Channel)
	}
	return []query.EPCISEvent{ev}
}

// renderRecalled: a recall named the batch: the whole class is held as
// recalled (CBV has no recalling step; holding with disposition recalled
// is its guidance), under the recall as a business transaction.
func renderRecalled(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(batch.Recalled)
	b := c.batch(r.GTIN, r.Lot)
	initiator := c.recall(r.RecallID)
	ev := event(env, "ObjectEvent", "OBSERVE", "holding", "recalled", key(r.GTIN, r.Lot), b.Owner, initiator)
	wholeBatch(&ev, r.GTIN, r.Lot)
	if initiator != "" {
		c.at(&ev, initiator)
	}
	ev.BizTransactions = []query.EPCISTyped{{Type: bttRecall, Value: recallURN + escape(r.RecallID)}}
	ext(&ev, "recallLevel", r.Level)
	return []query.EPCISEvent{ev}
}

// renderReturned: a holder returned units under a recall (shipping them
// back, disposition returned) or destroyed them.
func renderReturned(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(batch.Returned)
	initiator := c.recall(r.RecallID)
	step, disp := "shipping", "returned"
	if r.Disposition == batch.DispositionDestroyed {
		step, disp = "destroying", "destroyed"
	}
	ev := event(env, "ObjectEvent", "OBSERVE", step, disp, key(r.GTIN, r.Lot), r.HolderUSCC, initiator)
	units(&ev, r.GTIN, r.Lot, r.Units)
	c.at(&ev, r.HolderUSCC)
	ev.BizTransactions = []query.EPCISTyped{{Type: bttRecall, Value: recallURN + escape(r.RecallID)}}
	if disp == "returned" {
		ev.Sources = c.party(r.HolderUSCC)
		if initiator != "" {
			ev.Destinations = c.party(initiator)
		}
	}
	return []query.EPCISEvent{ev}
}

// renderMarketInspection: a market inspection (抽检) sampled the batch at
// an enterprise; its result is the disposition.
func renderMarketInspection(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	i := env.Event.(batch.Inspected)
	ev := event(env, "ObjectEvent", "OBSERVE", "inspecting", conformance(i.Result), key(i.GTIN, i.Lot), i.EnterpriseUSCC)
	wholeBatch(&ev, i.GTIN, i.Lot)
	c.at(&ev, i.EnterpriseUSCC)
	return []query.EPCISEvent{ev}
}

func conformance(result string) string {
	if result == "pass" {
		return "conformant"
	}
	return "non_conformant"
}

// renderWithdrawn: units taken off sale stay at the holder, not sellable.
func renderWithdrawn(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	w := env.Event.(batch.Withdrawn)
	ev := event(env, "ObjectEvent", "OBSERVE", "holding", "non_sellable_other", key(w.GTIN, w.Lot), w.HolderUSCC)
	units(&ev, w.GTIN, w.Lot, w.Units)
	c.at(&ev, w.HolderUSCC)
	if w.OrderID != "" {
		ev.BizTransactions = []query.EPCISTyped{{Type: bttOrder, Value: orderURN + escape(w.OrderID)}}
	}
	ext(&ev, "withdrawalReason", w.Reason)
	return []query.EPCISEvent{ev}
}

// renderDisposed: withdrawn units destroyed, or returned to the supplier.
func renderDisposed(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	d := env.Event.(batch.Disposed)
	if d.Disposition == batch.DispositionDestroyed {
		ev := event(env, "ObjectEvent", "OBSERVE", "destroying", "destroyed", key(d.GTIN, d.Lot), d.HolderUSCC)
		units(&ev, d.GTIN, d.Lot, d.Units)
		c.at(&ev, d.HolderUSCC)
		return []query.EPCISEvent{ev}
	}
	ev := event(env, "ObjectEvent", "OBSERVE", "shipping", "returned", key(d.GTIN, d.Lot), d.HolderUSCC, d.SupplierUSCC)
	units(&ev, d.GTIN, d.Lot, d.Units)
	c.at(&ev, d.HolderUSCC)
	ev.Sources = c.party(d.HolderUSCC)
	if d.SupplierUSCC != "" {
		ev.Destinations = c.party(d.SupplierUSCC)
	}
	return []query.EPCISEvent{ev}
}
