package history

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/transformation"
	"github.com/traceledger/traceledger/projections/runner"
)

// applyGoods folds the events of a batch's stream and reports whether env
// was one.
func (t *tx) applyGoods(env *runner.Envelope) bool {
	pos := env.Position
	switch ev := env.Event.(type) {
	case batch.Registered:
		b := t.batch(ev.GTIN, ev.Lot)
		if br := t.batchRec(b); br != nil {
			br.Registered, br.ProducedOn, br.ExpiresOn = true, ev.ProducedOn, ev.ExpiresOn
			br.Owner, br.Imported = t.ent(ev.OwnerUSCC), ev.Imported
			t.wide(b, pos)
			t.held(b, br.Owner)
			t.product(ev.GTIN)
			t.addChunked(productPrefix(ev.GTIN), pos)
			t.touch(br.Owner, pos)
		}
	case batch.Labelled:
		b, owner := t.batch(ev.GTIN, ev.Lot), t.ent(ev.OwnerUSCC)
		t.goods(b, pos, owner, 0)
		t.units(b, ev.Serials, pos, true, owner, 0)
		t.addMove(env, ev.Serials, moveLabelled, 0, owner, "")
	case batch.Cleared:
		b := t.batch(ev.GTIN, ev.Lot)
		if br := t.batchRec(b); br != nil {
			br.Declaration, br.Cleared = ev.DeclarationNo, ev.Decision
		}
		t.wide(b, pos)
	case batch.Shipped:
		b, from, to := t.batch(ev.GTIN, ev.Lot), t.ent(ev.FromUSCC), t.ent(ev.ToUSCC)
		t.goods(b, pos, from, to)
		t.units(b, ev.Serials, pos, false, from, to)
		t.addMove(env, ev.Serials, moveShipped, from, to, ev.Waybill)
	case batch.Received:
		b, to := t.batch(ev.GTIN, ev.Lot), t.ent(ev.ToUSCC)
		t.goods(b, pos, to, 0)
		t.units(b, ev.Serials, pos, false, to, 0)
		t.addMove(env, ev.Serials, moveReceived, 0, to, "")
	case batch.Sold:
		b, seller := t.batch(ev.GTIN, ev.Lot), t.ent(ev.SellerUSCC)
		t.goods(b, pos, seller, 0)
		t.units(b, ev.Serials, pos, false, seller, 0)
		t.addMove(env, ev.Serials, moveSold, seller, 0, ev.Channel)
	case batch.Recalled:
		b := t.batch(ev.GTIN, ev.Lot)
		mark := recallMark{ID: ev.RecallID, Level: ev.Level}
		r, err := t.recalls.get(t.r, ev.RecallID)
		t.fail(err)
		if r != nil {
			mark.Reason, mark.Hazard, mark.Measures, mark.Initiator = r.Reason, r.Hazard, r.Measures, r.Initiator
		}
		if br := t.batchRec(b); br != nil {
			br.Recalls = append(br.Recalls, mark)
		}
		t.wide(b, pos)
	case batch.Disposed:
		t.returned(env, ev.AsReturn())
	case batch.Returned:
		t.returned(env, ev)
	case batch.Inspected:
		b := t.batch(ev.GTIN, ev.Lot)
		t.wide(b, pos)
		t.touch(t.ent(ev.EnterpriseUSCC), pos)
	case batch.Packed:
		b, holder := t.batch(ev.GTIN, ev.Lot), t.ent(ev.HolderUSCC)
		t.goods(b, pos, holder, 0)
		t.units(b, ev.Serials, pos, false, holder, 0)
		t.addMove(env, ev.Serials, moveHeld, holder, 0, "")
	case batch.Unpacked:
		b, holder := t.batch(ev.GTIN, ev.Lot), t.ent(ev.HolderUSCC)
		t.goods(b, pos, holder, 0)
		t.units(b, ev.Serials, pos, false, holder, 0)
		t.addMove(env, ev.Serials, moveHeld, holder, 0, "")
	case batch.Consumed:
		b, holder := t.batch(ev.GTIN, ev.Lot), t.ent(ev.HolderUSCC)
		t.goods(b, pos, holder, 0)
		t.units(b, ev.Serials, pos, false, holder, 0)
		t.addMove(env, ev.Serials, moveHeld, holder, 0, "")
	case transformation.Recorded:
		t.touch(t.ent(ev.TransformerUSCC), pos)
		for _, o := range ev.Outputs {
			t.wide(t.batch(o.GTIN, o.Lot), pos)
		}
	default:
		return false
	}
	return true
}

// returned records units returned or destroyed under a recall, or disposed
// of (batch.Disposed.AsReturn).
func (t *tx) returned(env *runner.Envelope, ev batch.Returned) {
	pos := env.Position
	b, holder := t.batch(ev.GTIN, ev.Lot), t.ent(ev.HolderUSCC)
	t.goods(b, pos, holder, 0)
	t.units(b, ev.Serials, pos, false, holder, 0)
	kind := moveReturned
	if ev.Disposition == batch.DispositionDestroyed {
		kind = moveDestroyed
	}
	t.addMove(env, ev.Serials, kind, holder, 0, ev.RecallID)
}

// goods records a movement of batch b's units at pos by (and to) the given
// enterprises: the batch's event, its holders and theirs' histories.
func (t *tx) goods(b bkey, pos uint64, e1, e2 uint32) {
	t.addChunked(batchPrefix(b), pos)
	t.held(b, e1)
	t.held(b, e2)
	t.touch(e1, pos)
	t.touch(e2, pos)
}

// held makes e a holder of batch b and of its product.
func (t *tx) held(b bkey, e uint32) {
	if e == 0 {
		return
	}
	t.hold(batchHolders(b), e)
	t.product(b.GTIN)
	t.productHeld(b.GTIN, e)
}

// units adds pos to each named unit of batch b (making it when labelled):
// one key per unit, written blind but for the one read that says whether
// the unit exists. Its holders are e1 and e2, which the event's move
// records once for all its units (addMove).
func (t *tx) units(b bkey, serials []string, pos uint64, labelled bool, e1, e2 uint32) {
	if len(serials) == 0 {
		return
	}
	t.product(b.GTIN)
	no := t.batchNo(b)
	for _, serial := range serials {
		switch {
		case labelled:
			// The domain labels a serial of a batch once (batch.Label
			// refuses a taken one), so a label's serials are new and none
			// is looked up in the store: at ten units an event, those
			// lookups of absent keys were a tenth of the fold.
			if !t.items[itemID(b, serial)] {
				t.addItem(b, no, serial, pos)
			}
		case !t.itemExists(b, serial):
			continue
		}
		t.addItemPos(b, no, serial, pos)
		if t.track != nil {
			for _, e := range [2]uint32{e1, e2} {
				if e != 0 {
					t.track.itemHolder(b, serial, t.ents.recs[e].USCC)
				}
			}
		}
	}
}

// addMove keeps what the card needs of an event naming serials.
func (t *tx) addMove(env *runner.Envelope, serials []string, kind uint8, from, to uint32, text string) {
	if len(serials) == 0 {
		return
	}
	t.set(moveKey(env.Position), encodeMove(move{At: env.Metadata.OccurredAt.UnixNano(), Kind: kind, From: from, To: to, Text: text}))
}
