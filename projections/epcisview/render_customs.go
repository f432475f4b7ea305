package epcisview

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// A customs declaration's events are ObjectEvents at the port of entry
// over every declared line (a batch and a quantity), under the
// declaration as a business transaction: declared (arriving, goods under
// customs control: sellable_not_accessible), inspected (inspecting,
// conformant or not), released (accepting: the importer may take them)
// and rejected (holding, non_sellable_other). batch.cleared, the batch's
// side of the same decision, is not rendered again.

func renderDeclared(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	d := env.Event.(customs.Declared)
	info := declarationInfo{Importer: d.ImporterUSCC, Port: d.Port}
	for _, ln := range d.Lines {
		info.Lines = append(info.Lines, declaredLine{GTIN: ln.GTIN, Lot: ln.Lot, Quantity: ln.Quantity})
	}
	c.setDeclaration(d.DeclarationNo, info)
	return c.declarationEvent(env, d.DeclarationNo, "arriving", "sellable_not_accessible")
}

func renderCustomsInspected(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	i := env.Event.(customs.Inspected)
	return c.declarationEvent(env, i.DeclarationNo, "inspecting", conformance(i.Result))
}

func renderReleased(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(customs.Released)
	return c.declarationEvent(env, r.DeclarationNo, "accepting", "active")
}

func renderCustomsRejected(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(customs.Rejected)
	return c.declarationEvent(env, r.DeclarationNo, "holding", "non_sellable_other")
}

func (c *renderCtx) declarationEvent(env *runner.Envelope, no, step, disp string) []query.EPCISEvent {
	d, ok := c.declaration(no)
	if !ok {
		return nil
	}
	var batches []query.BatchKey
	for _, ln := range d.Lines {
		batches = append(batches, query.BatchKey{GTIN: ln.GTIN, Lot: ln.Lot})
	}
	ev := event(env, "ObjectEvent", "OBSERVE", step, disp, batches, d.Importer)
	for _, ln := range d.Lines {
		ev.Quantities = append(ev.Quantities, query.EPCISQuantity{EPCClass: classEPC(ln.GTIN, ln.Lot), Quantity: float64(ln.Quantity)})
	}
	ev.ReadPoint = portURN + escape(d.Port)
	ev.BizLocation = ev.ReadPoint
	ev.BizTransactions = []query.EPCISTyped{{Type: bttDeclaration, Value: declarationURN + escape(no)}}
	ev.Destinations = []query.EPCISTyped{{Type: "owning_party", Value: c.location(d.Importer)}}
	return []query.EPCISEvent{ev}
}

// foldRecallStarted renders nothing (the recall is a decision; each batch
// it names renders as batch.recalled) but remembers who initiated it, the
// party returns go to.
func foldRecallStarted(c *renderCtx, env *runner.Envelope) []query.EPCISEvent {
	r := env.Event.(recall.Started)
	c.setRecall(r.RecallID, r.InitiatedByUSCC)
	return nil
}
