package history

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/runner"
)

// applyGoods folds the events of a batch's stream and reports whether env
// was one.
func (s *state) applyGoods(env *runner.Envelope) bool {
	pos := env.Position
	switch ev := env.Event.(type) {
	case batch.Registered:
		b := s.batch(ev.GTIN, ev.Lot)
		br := s.batches[b]
		br.Registered, br.ProducedOn, br.ExpiresOn = true, ev.ProducedOn, ev.ExpiresOn
		br.Owner, br.Imported = s.ent(ev.OwnerUSCC), ev.Imported
		s.wide(b, pos)
		s.held(b, br.Owner)
		p := s.product(ev.GTIN)
		s.productPos(p, pos)
		s.touch(br.Owner, pos)
	case batch.Labelled:
		b, owner := s.batch(ev.GTIN, ev.Lot), s.ent(ev.OwnerUSCC)
		s.goods(b, pos, owner, 0)
		s.units(b, ev.Serials, pos, true, owner, 0)
		s.addMove(env, ev.Serials, moveLabelled, 0, owner, "")
	case batch.Cleared:
		b := s.batch(ev.GTIN, ev.Lot)
		s.batches[b].Declaration, s.batches[b].Cleared = ev.DeclarationNo, ev.Decision
		s.wide(b, pos)
	case batch.Shipped:
		b, from, to := s.batch(ev.GTIN, ev.Lot), s.ent(ev.FromUSCC), s.ent(ev.ToUSCC)
		s.goods(b, pos, from, to)
		s.units(b, ev.Serials, pos, false, from, to)
		s.addMove(env, ev.Serials, moveShipped, from, to, ev.Waybill)
	case batch.Received:
		b, to := s.batch(ev.GTIN, ev.Lot), s.ent(ev.ToUSCC)
		s.goods(b, pos, to, 0)
		s.units(b, ev.Serials, pos, false, to, 0)
		s.addMove(env, ev.Serials, moveReceived, 0, to, "")
	case batch.Sold:
		b, seller := s.batch(ev.GTIN, ev.Lot), s.ent(ev.SellerUSCC)
		s.goods(b, pos, seller, 0)
		s.units(b, ev.Serials, pos, false, seller, 0)
		s.addMove(env, ev.Serials, moveSold, seller, 0, ev.Channel)
	case batch.Recalled:
		b := s.batch(ev.GTIN, ev.Lot)
		mark := recallMark{ID: ev.RecallID, Level: ev.Level}
		if r := s.recalls[ev.RecallID]; r != nil {
			mark.Reason, mark.Hazard, mark.Measures, mark.Initiator = r.Reason, r.Hazard, r.Measures, r.Initiator
		}
		s.batches[b].Recalls = append(s.batches[b].Recalls, mark)
		s.wide(b, pos)
	case batch.Disposed:
		s.returned(env, ev.AsReturn())
	case batch.Returned:
		s.returned(env, ev)
	case batch.Inspected:
		b := s.batch(ev.GTIN, ev.Lot)
		s.wide(b, pos)
		s.touch(s.ent(ev.EnterpriseUSCC), pos)
	case batch.Packed:
		b, holder := s.batch(ev.GTIN, ev.Lot), s.ent(ev.HolderUSCC)
		s.goods(b, pos, holder, 0)
		s.units(b, ev.Serials, pos, false, holder, 0)
	case batch.Unpacked:
		b, holder := s.batch(ev.GTIN, ev.Lot), s.ent(ev.HolderUSCC)
		s.goods(b, pos, holder, 0)
		s.units(b, ev.Serials, pos, false, holder, 0)
	case batch.Consumed:
		b, holder := s.batch(ev.GTIN, ev.Lot), s.ent(ev.HolderUSCC)
		s.goods(b, pos, holder, 0)
		s.units(b, ev.Serials, pos, false, holder, 0)
	case transformation.Recorded:
		s.touch(s.ent(ev.TransformerUSCC), pos)
		for _, o := range ev.Outputs {
			s.wide(s.batch(o.GTIN, o.Lot), pos)
		}
	default:
		return false
	}
	return true
}

// returned records units returned or destroyed under a recall, or disposed
// of (batch.Disposed.AsReturn).
func (s *state) returned(env *runner.Envelope, ev batch.Returned) {
	pos := env.Position
	b, holder := s.batch(ev.GTIN, ev.Lot), s.ent(ev.HolderUSCC)
	s.goods(b, pos, holder, 0)
	s.units(b, ev.Serials, pos, false, holder, 0)
	kind := moveReturned
	if ev.Disposition == batch.DispositionDestroyed {
		kind = moveDestroyed
	}
	s.addMove(env, ev.Serials, kind, holder, 0, ev.RecallID)
}

// goods records a movement of batch b's units at pos by (and to) the given
// enterprises: the batch's event, its holders and theirs' histories.
func (s *state) goods(b uint32, pos uint64, e1, e2 uint32) {
	s.batchPos(b, pos)
	s.held(b, e1)
	s.held(b, e2)
	s.touch(e1, pos)
	s.touch(e2, pos)
}

// held makes e a holder of batch b and of its product.
func (s *state) held(b uint32, e uint32) {
	if e == 0 {
		return
	}
	br := s.batches[b]
	s.batchHolder(br, e)
	s.productHolder(s.product(br.GTIN), e)
}

// units adds pos to each named unit of batch b (making it when labelled),
// and e1 and e2 to its holders. The product's serial index is looked up
// once per event, not once per unit: a label event names thousands.
func (s *state) units(b uint32, serials []string, pos uint64, labelled bool, e1, e2 uint32) {
	if len(serials) == 0 {
		return
	}
	pr := s.product(s.batches[b].GTIN)
	for _, serial := range serials {
		i := pr.serials[serial]
		for i != 0 && s.items[i].Batch != b {
			i = s.items[i].Next
		}
		if i == 0 {
			if !labelled {
				continue
			}
			i = s.addItem(b, serial)
		}
		s.itemPos(i, pos)
		s.itemHolder(i, e1)
		s.itemHolder(i, e2)
	}
}

// addMove keeps what the card needs of an event naming serials.
func (s *state) addMove(env *runner.Envelope, serials []string, kind uint8, from, to uint32, text string) {
	if len(serials) == 0 || s.track != nil {
		return
	}
	s.moves = append(s.moves, move{Pos: env.Position, At: env.Metadata.OccurredAt.UnixNano(), Kind: kind,
		From: from, To: to, Text: s.text(text)})
}
