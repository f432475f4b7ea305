package clickhouse

import (
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
)

// describe fills r from the event and folds the facts later events need.
// The table in docs/analytics.md ("What each type puts in the columns")
// is this function in prose: change both together. An event type this build
// does not know (nil) gets the envelope columns only.
func (t *EventsTable) describe(e event.Event, r *eventRow) {
	switch ev := e.(type) {
	case enterprise.Registered:
		r.enterprise = ev.USCC
	case enterprise.PenaltyImposed:
		r.enterprise, r.amount, r.reason, r.authority = ev.USCC, ev.AmountCNY, ev.Reason, ev.Authority

	case product.Registered:
		t.products[ev.GTIN] = productFacts{category: ev.Category, origin: ev.OriginCountry, owner: ev.OwnerUSCC}
		r.enterprise, r.gtin, r.origin = ev.OwnerUSCC, ev.GTIN, ev.OriginCountry
	case product.BarcodeNotified:
		p := t.products[ev.GTIN]
		p.notifier = ev.NotifierUSCC
		t.products[ev.GTIN] = p
		r.enterprise, r.counterparty, r.gtin, r.ref = ev.NotifierUSCC, p.owner, ev.GTIN, ev.RecordNo
	case product.CertificateIssued:
		t.certificate(ev.GTIN, r)
		r.result, r.ref = "issued", ev.CertificateNo
	case product.CertificateRejected:
		t.certificate(ev.GTIN, r)
		r.result, r.reason = "rejected", ev.Reason
	case product.CertificateRevoked:
		t.certificate(ev.GTIN, r)
		r.result, r.ref, r.reason = "revoked", ev.CertificateNo, ev.Reason
	case product.CertificateRenewed:
		t.certificate(ev.GTIN, r)
		r.result, r.ref = "renewed", ev.CertificateNo
	case product.CertificateAmended:
		t.certificate(ev.GTIN, r)
		r.result, r.ref, r.reason = "amended", ev.CertificateNo, ev.Reason
		if h, ok := ev.Changed(product.FieldHolder); ok {
			p := t.products[ev.GTIN]
			p.notifier = h
			t.products[ev.GTIN] = p
		}
	case product.RenotificationAllowed:
		t.certificate(ev.GTIN, r)
		r.result, r.ref, r.reason = "renotification_allowed", ev.CertificateNo, ev.Reason

	case customs.Declared:
		d := declarationFacts{importer: ev.ImporterUSCC, port: ev.Port}
		for i, ln := range ev.Lines {
			if i == 0 {
				d.gtin, d.lot, r.origin = ln.GTIN, ln.Lot, ln.OriginCountry
			}
			d.quantity += ln.Quantity
		}
		t.declarations[ev.DeclarationNo] = d
		t.declaration(ev.DeclarationNo, r)
	case customs.Inspected:
		t.declaration(ev.DeclarationNo, r)
		r.result, r.reason = ev.Result, ev.Findings
	case customs.Released:
		t.declaration(ev.DeclarationNo, r)
		r.result, r.reason = "released", ev.Reason
	case customs.Rejected:
		t.declaration(ev.DeclarationNo, r)
		r.result, r.reason = "rejected", ev.Reason

	case shipment.Dispatched:
		t.shipments[ev.ShipmentID] = shipmentFacts{from: ev.FromUSCC, to: ev.ToUSCC, units: ev.Units}
		r.enterprise, r.counterparty, r.quantity, r.ref = ev.FromUSCC, ev.ToUSCC, ev.Units, ev.ShipmentID
		if len(ev.Batches) > 0 {
			r.gtin, r.lot = ev.Batches[0].GTIN, ev.Batches[0].Lot
		}
	case shipment.Received:
		s := t.shipments[ev.ShipmentID]
		r.enterprise, r.counterparty, r.quantity, r.ref = ev.ToUSCC, s.from, s.units, ev.ShipmentID

	case complaint.Filed:
		t.complaints[ev.ComplaintID] = complaintFacts{gtin: ev.GTIN, lot: ev.Lot}
		r.enterprise, r.gtin, r.lot, r.channel, r.ref = ev.AgainstUSCC, ev.GTIN, ev.Lot, ev.Channel, ev.ComplaintID
	case complaint.Resolved:
		c := t.complaints[ev.ComplaintID]
		r.enterprise, r.gtin, r.lot, r.ref, r.reason = ev.AgainstUSCC, c.gtin, c.lot, ev.ComplaintID, ev.Outcome
		r.result = "unsubstantiated"
		if ev.Substantiated {
			r.result = "substantiated"
		}

	case recall.Started:
		f := recallFacts{initiator: ev.InitiatedByUSCC, level: uint8(ev.Level)}
		if len(ev.Batches) > 0 {
			f.gtin, f.lot = ev.Batches[0].GTIN, ev.Batches[0].Lot
		}
		t.recalls[ev.RecallID] = f
		r.enterprise, r.gtin, r.lot, r.level, r.ref, r.reason = f.initiator, f.gtin, f.lot, f.level, ev.RecallID, ev.Reason
	case recall.Closed:
		f := t.recalls[ev.RecallID]
		r.enterprise, r.gtin, r.lot, r.level, r.ref = f.initiator, f.gtin, f.lot, f.level, ev.RecallID
	case recall.PublicNoticeAccepted:
		f := t.recalls[ev.RecallID]
		r.enterprise, r.gtin, r.lot, r.level, r.ref = f.initiator, f.gtin, f.lot, f.level, ev.RecallID
		r.quantity, r.reason = ev.Sold, ev.Notice
	case recall.NoticeAcknowledged:
		f := t.recalls[ev.RecallID]
		r.enterprise, r.counterparty, r.gtin, r.lot, r.level, r.ref = ev.HolderUSCC, f.initiator, f.gtin, f.lot, f.level, ev.RecallID
		r.reason = ev.Note
	case recall.HoldersReminded:
		f := t.recalls[ev.RecallID]
		r.enterprise, r.gtin, r.lot, r.level, r.ref = f.initiator, f.gtin, f.lot, f.level, ev.RecallID
		r.quantity, r.reason = int64(len(ev.HolderUSCCs)), ev.Note

	default:
		if !t.describeCase(e, r) && !t.describePacking(e, r) && !describeEPCIS(e, r) {
			t.describeGoods(e, r)
		}
	}
}

// certificate fills the columns every certificate decision shares: the
// product's owner, and its latest notifier as the counterparty.
func (t *EventsTable) certificate(gtin string, r *eventRow) {
	p := t.products[gtin]
	r.enterprise, r.counterparty, r.gtin = p.owner, p.notifier, gtin
}

// declaration fills the columns of every event of a customs declaration.
func (t *EventsTable) declaration(no string, r *eventRow) {
	d := t.declarations[no]
	r.enterprise, r.port, r.gtin, r.lot, r.quantity, r.ref = d.importer, d.port, d.gtin, d.lot, d.quantity, no
}
