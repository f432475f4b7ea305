package history

import (
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
func (s *state) apply(env *runner.Envelope) {
	pos := env.Position
	if s.track == nil {
		s.at(pos, env.Metadata.OccurredAt)
	}
	s.touch(s.ent(env.Metadata.ActorUSCC), pos)
	if s.applyGoods(env) {
		return
	}
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		e := s.ent(ev.USCC)
		s.ents[e].Name = ev.Name
		s.ents[e].Ecommerce = slices.Contains(ev.Roles, string(enterprise.Ecommerce))
		s.touch(e, pos)
	case enterprise.PenaltyImposed:
		s.touch(s.ent(ev.USCC), pos)
	case product.Registered:
		p := s.product(ev.GTIN)
		p.Registered, p.Name, p.Brand, p.Spec, p.Category = true, ev.Name, ev.Brand, ev.Spec, ev.Category
		p.Origin, p.Manufacturer, p.Owner = ev.OriginCountry, ev.Manufacturer, s.ent(ev.OwnerUSCC)
		s.productHolder(p, p.Owner)
		s.productPos(p, pos)
		s.touch(p.Owner, pos)
	case product.BarcodeNotified:
		p := s.certificateEvent(ev.GTIN, env)
		n := s.ent(ev.NotifierUSCC)
		s.productHolder(p, n)
		s.touch(n, pos)
	case product.CertificateIssued:
		s.certificateEvent(ev.GTIN, env)
	case product.CertificateRejected:
		s.certificateEvent(ev.GTIN, env)
	case product.CertificateRevoked:
		s.certificateEvent(ev.GTIN, env)
	case product.CertificateRenewed:
		s.certificateEvent(ev.GTIN, env)
	case product.CertificateAmended:
		p := s.certificateEvent(ev.GTIN, env)
		s.productHolder(p, s.ent(p.Cert.Notifier))
	case product.RenotificationAllowed:
		s.certificateEvent(ev.GTIN, env)
	case customs.Declared:
		d := &declarationRec{Importer: s.ent(ev.ImporterUSCC), Port: ev.Port}
		for _, ln := range ev.Lines {
			b := s.batch(ln.GTIN, ln.Lot)
			d.Batches = append(d.Batches, b)
			if s.batches[b].Cleared == "" {
				s.batches[b].Declaration = ev.DeclarationNo
			}
		}
		s.decls[ev.DeclarationNo] = d
		s.declarationEvent(d, pos)
	case customs.Inspected:
		if d := s.decls[ev.DeclarationNo]; d != nil {
			d.Inspection = ev.Result
			s.declarationEvent(d, pos)
		}
	case customs.Released:
		s.decided(ev.DeclarationNo, "released", env)
	case customs.Rejected:
		s.decided(ev.DeclarationNo, "rejected", env)
	default:
		s.applyOthers(env)
	}
}

// touch adds the event to an enterprise's history.
func (s *state) touch(e uint32, pos uint64) {
	if e == 0 {
		return
	}
	if s.track != nil {
		s.track.enterprise(s.ents[e].USCC)
		return
	}
	s.ents[e].Positions = appendPos(s.ents[e].Positions, pos)
}

// certificateEvent folds a certificate event into its product; the
// decisions count in the notifier's history too.
func (s *state) certificateEvent(gtin string, env *runner.Envelope) *productRec {
	p := s.product(gtin)
	p.Cert.Apply(env.Event)
	s.productPos(p, env.Position)
	s.touch(s.ent(p.Cert.Notifier), env.Position)
	return p
}

// declarationEvent adds a customs event to the declared batches (for every
// unit of them) and to the importer's history.
func (s *state) declarationEvent(d *declarationRec, pos uint64) {
	for _, b := range d.Batches {
		s.wide(b, pos)
	}
	s.touch(d.Importer, pos)
}

func (s *state) decided(no, decision string, env *runner.Envelope) {
	d := s.decls[no]
	if d == nil {
		return
	}
	d.Decision, d.DecidedAt = decision, env.Metadata.OccurredAt.UnixNano()
	s.declarationEvent(d, env.Position)
}

// wide adds an event that concerns every unit of batch b.
func (s *state) wide(b uint32, pos uint64) {
	br := s.batches[b]
	if s.track != nil {
		s.track.batch(br, true)
		return
	}
	br.Positions = appendPos(br.Positions, pos)
	br.Wide = appendPos(br.Wide, pos)
}

// applyOthers folds shipment headers, complaints and recalls.
func (s *state) applyOthers(env *runner.Envelope) {
	pos := env.Position
	switch ev := env.Event.(type) {
	case shipment.Dispatched:
		sh := &shipmentRec{}
		for _, k := range ev.Batches {
			b := s.batch(k.GTIN, k.Lot)
			sh.Batches = append(sh.Batches, b)
			s.batchPos(b, pos)
		}
		s.shipments[ev.ShipmentID] = sh
		s.touch(s.ent(ev.FromUSCC), pos)
		s.touch(s.ent(ev.ToUSCC), pos)
	case shipment.Received:
		if sh := s.shipments[ev.ShipmentID]; sh != nil {
			for _, b := range sh.Batches {
				s.batchPos(b, pos)
			}
			delete(s.shipments, ev.ShipmentID)
		}
		s.touch(s.ent(ev.ToUSCC), pos)
	case complaint.Filed:
		c := s.complaintTarget(ev)
		s.complaint[ev.ComplaintID] = c
		s.complaintEvent(c, pos)
		s.touch(s.ent(ev.AgainstUSCC), pos)
	case complaint.Resolved:
		if c := s.complaint[ev.ComplaintID]; c != nil {
			s.complaintEvent(c, pos)
			delete(s.complaint, ev.ComplaintID)
		}
		s.touch(s.ent(ev.AgainstUSCC), pos)
	case recall.Started:
		r := &recallRec{Initiator: s.ent(ev.InitiatedByUSCC), Reason: s.text(ev.Reason),
			Hazard: s.text(ev.Hazard), Measures: s.text(ev.Measures)}
		for _, k := range ev.Batches {
			b := s.batch(k.GTIN, k.Lot)
			r.Batches = append(r.Batches, b)
			s.wide(b, pos)
		}
		s.recalls[ev.RecallID] = r
		s.touch(r.Initiator, pos)
	case capture.EventCaptured:
		s.captured(env, ev)
	case recall.Closed:
		if r := s.recalls[ev.RecallID]; r != nil {
			for _, b := range r.Batches {
				s.wide(b, pos)
			}
			s.touch(r.Initiator, pos)
			delete(s.recalls, ev.RecallID)
		}
	}
}

// complaintTarget resolves what a complaint names: its product always, its
// batch when it names a lot or an item, and the item when it names a serial
// the ledger knows (by lot, or by the serial alone when one lot has it).
func (s *state) complaintTarget(ev complaint.Filed) *complaintRec {
	c := &complaintRec{GTIN: ev.GTIN}
	switch {
	case ev.Serial != "" && ev.Lot != "":
		c.Item = s.findItem(ev.GTIN, ev.Lot, ev.Serial)
	case ev.Serial != "":
		if p := s.products[ev.GTIN]; p != nil {
			if i := p.serials[ev.Serial]; i != 0 && s.items[i].Next == 0 {
				c.Item = i
			}
		}
	}
	switch {
	case c.Item != 0:
		c.Batch = s.items[c.Item].Batch
	case ev.Lot != "":
		c.Batch = s.batch(ev.GTIN, ev.Lot)
		c.Wide = ev.Serial == ""
	}
	return c
}

// complaintEvent adds a complaint's filing or resolution to what it names.
func (s *state) complaintEvent(c *complaintRec, pos uint64) {
	p := s.product(c.GTIN)
	s.productPos(p, pos)
	switch {
	case c.Item != 0:
		s.itemPos(c.Item, pos)
		s.batchPos(c.Batch, pos)
	case c.Wide:
		s.wide(c.Batch, pos)
	case c.Batch != 0:
		s.batchPos(c.Batch, pos)
	}
}
