package history

import (
	"encoding/binary"
	"slices"

	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/projections/runner"
)

// apply folds one envelope: the batch stream's events in fold_goods.go,
// the others here.
func (t *tx) apply(env *runner.Envelope) {
	pos := env.Position
	t.when = env.Metadata.OccurredAt.UnixMilli()
	binary.BigEndian.PutUint64(t.ms[:], uint64(t.when))
	t.touch(t.ent(env.Metadata.ActorUSCC), pos)
	if t.applyGoods(env) {
		return
	}
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		e := t.ent(ev.USCC)
		t.ents.recs[e].Name = ev.Name
		t.ents.recs[e].Ecommerce = slices.Contains(ev.Roles, string(enterprise.Ecommerce))
		t.saveEnt(e)
		t.touch(e, pos)
	case enterprise.PenaltyImposed:
		t.touch(t.ent(ev.USCC), pos)
	case product.Registered:
		p := t.product(ev.GTIN)
		p.Registered, p.Name, p.Brand, p.Spec, p.Category = true, ev.Name, ev.Brand, ev.Spec, ev.Category
		p.Origin, p.Manufacturer, p.Owner = ev.OriginCountry, ev.Manufacturer, t.ent(ev.OwnerUSCC)
		t.productHeld(ev.GTIN, p.Owner)
		t.addChunked(productPrefix(ev.GTIN), pos)
		t.touch(p.Owner, pos)
	case product.BarcodeNotified:
		t.certificateEvent(ev.GTIN, env)
		n := t.ent(ev.NotifierUSCC)
		t.productHeld(ev.GTIN, n)
		t.touch(n, pos)
	case product.CertificateIssued:
		t.certificateEvent(ev.GTIN, env)
	case product.CertificateRejected:
		t.certificateEvent(ev.GTIN, env)
	case product.CertificateRevoked:
		t.certificateEvent(ev.GTIN, env)
	case product.CertificateRenewed:
		t.certificateEvent(ev.GTIN, env)
	case product.CertificateAmended:
		p := t.certificateEvent(ev.GTIN, env)
		t.productHeld(ev.GTIN, t.ent(p.Cert.Notifier))
	case product.RenotificationAllowed:
		t.certificateEvent(ev.GTIN, env)
	case customs.Declared:
		d := &declarationRec{Importer: t.ent(ev.ImporterUSCC), Port: ev.Port}
		for _, ln := range ev.Lines {
			b := t.batch(ln.GTIN, ln.Lot)
			d.Batches = append(d.Batches, b)
			if br := t.batchRec(b); br != nil && br.Cleared == "" {
				br.Declaration = ev.DeclarationNo
			}
		}
		t.decls.put(ev.DeclarationNo, d)
		t.declarationEvent(d, pos)
	case customs.Inspected:
		if d := t.decl(ev.DeclarationNo); d != nil {
			d.Inspection = ev.Result
			t.declarationEvent(d, pos)
		}
	case customs.Released:
		t.decided(ev.DeclarationNo, "released", env)
	case customs.Rejected:
		t.decided(ev.DeclarationNo, "rejected", env)
	default:
		t.applyOthers(env)
	}
}

// productHeld makes e a holder of the product.
func (t *tx) productHeld(gtin string, e uint32) {
	t.hold(productHolders(gtin), e)
}

// certificateEvent folds a certificate event into its product; the
// decisions count in the notifier's history too.
func (t *tx) certificateEvent(gtin string, env *runner.Envelope) *productRec {
	p := t.product(gtin)
	p.Cert.Apply(env.Event)
	t.addChunked(productPrefix(gtin), env.Position)
	t.touch(t.ent(p.Cert.Notifier), env.Position)
	return p
}

func (t *tx) decl(no string) *declarationRec {
	d, err := t.decls.get(t.r, no)
	t.fail(err)
	return d
}

// declarationEvent adds a customs event to the declared batches (for every
// unit of them) and to the importer's history.
func (t *tx) declarationEvent(d *declarationRec, pos uint64) {
	for _, b := range d.Batches {
		t.wide(b, pos)
	}
	t.touch(d.Importer, pos)
}

func (t *tx) decided(no, decision string, env *runner.Envelope) {
	d := t.decl(no)
	if d == nil {
		return
	}
	d.Decision, d.DecidedAt = decision, env.Metadata.OccurredAt.UnixNano()
	t.declarationEvent(d, env.Position)
}

// wide adds an event that concerns every unit of batch b.
func (t *tx) wide(b bkey, pos uint64) {
	t.addChunked(batchPrefix(b), pos)
	t.addChunked(widePrefix(b), pos)
}

// applyOthers folds shipment headers, complaints and recalls.
func (t *tx) applyOthers(env *runner.Envelope) {
	pos := env.Position
	switch ev := env.Event.(type) {
	case shipment.Dispatched:
		sh := &shipmentRec{}
		for _, k := range ev.Batches {
			b := t.batch(k.GTIN, k.Lot)
			sh.Batches = append(sh.Batches, b)
			t.addChunked(batchPrefix(b), pos)
		}
		t.shipments.put(ev.ShipmentID, sh)
		t.touch(t.ent(ev.FromUSCC), pos)
		t.touch(t.ent(ev.ToUSCC), pos)
	case shipment.Received:
		sh, err := t.shipments.get(t.r, ev.ShipmentID)
		t.fail(err)
		if sh != nil {
			for _, b := range sh.Batches {
				t.addChunked(batchPrefix(b), pos)
			}
			t.shipments.put(ev.ShipmentID, nil)
		}
		t.touch(t.ent(ev.ToUSCC), pos)
	case complaint.Filed:
		c := t.complaintTarget(ev)
		t.complaint.put(ev.ComplaintID, c)
		t.complaintEvent(c, pos)
		t.touch(t.ent(ev.AgainstUSCC), pos)
	case complaint.Resolved:
		c, err := t.complaint.get(t.r, ev.ComplaintID)
		t.fail(err)
		if c != nil {
			t.complaintEvent(c, pos)
			t.complaint.put(ev.ComplaintID, nil)
		}
		t.touch(t.ent(ev.AgainstUSCC), pos)
	case recall.Started:
		r := &recallRec{Initiator: t.ent(ev.InitiatedByUSCC), Reason: ev.Reason, Hazard: ev.Hazard, Measures: ev.Measures}
		for _, k := range ev.Batches {
			b := t.batch(k.GTIN, k.Lot)
			r.Batches = append(r.Batches, b)
			t.wide(b, pos)
		}
		t.recalls.put(ev.RecallID, r)
		t.touch(r.Initiator, pos)
	case capture.EventCaptured:
		t.captured(env, ev)
	case recall.Closed:
		r, err := t.recalls.get(t.r, ev.RecallID)
		t.fail(err)
		if r != nil {
			for _, b := range r.Batches {
				t.wide(b, pos)
			}
			t.touch(r.Initiator, pos)
			t.recalls.put(ev.RecallID, nil)
		}
	}
}

// complaintTarget resolves what a complaint names: its product always, its
// batch when it names a lot or an item, and the item when it names a serial
// the ledger knows (by lot, or by the serial alone when one lot has it).
func (t *tx) complaintTarget(ev complaint.Filed) *complaintRec {
	c := &complaintRec{GTIN: ev.GTIN}
	switch {
	case ev.Serial != "" && ev.Lot != "":
		if b := (bkey{GTIN: ev.GTIN, Lot: ev.Lot}); t.itemExists(b, ev.Serial) {
			c.Batch, c.Serial = &b, ev.Serial
		}
	case ev.Serial != "":
		if lots := t.lotsOf(ev.GTIN, ev.Serial); len(lots) == 1 {
			c.Batch, c.Serial = &bkey{GTIN: ev.GTIN, Lot: lots[0]}, ev.Serial
		}
	}
	if c.Serial == "" && ev.Lot != "" {
		b := t.batch(ev.GTIN, ev.Lot)
		c.Batch, c.Wide = &b, ev.Serial == ""
	}
	return c
}

// complaintEvent adds a complaint's filing or resolution to what it names.
func (t *tx) complaintEvent(c *complaintRec, pos uint64) {
	t.product(c.GTIN)
	t.addChunked(productPrefix(c.GTIN), pos)
	switch {
	case c.Serial != "":
		t.addItemPos(*c.Batch, t.batchNo(*c.Batch), c.Serial, pos)
		t.addChunked(batchPrefix(*c.Batch), pos)
	case c.Wide:
		t.wide(*c.Batch, pos)
	case c.Batch != nil:
		t.addChunked(batchPrefix(*c.Batch), pos)
	}
}
