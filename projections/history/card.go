package history

import (
	"sort"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// Card composes an item's card at now (the certificate's status depends
// on it). The resolver page and the item history both show it.
func (p *Projection) Card(k query.ItemKey, now time.Time) (query.ItemCard, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	s := p.s
	i := s.findItem(k.GTIN, k.Lot, k.Serial)
	if i == 0 {
		return query.ItemCard{}, false
	}
	it, br := &s.items[i], s.batches[s.items[i].Batch]
	c := query.ItemCard{Code: itemPath(k), GTIN: k.GTIN, Lot: k.Lot, Serial: k.Serial,
		CertificateStatus: string(product.StatusNone), RecallStatus: "none",
		ProducedOn: br.ProducedOn, ExpiresOn: br.ExpiresOn}
	if pr := s.products[k.GTIN]; pr != nil {
		c.ProductName, c.Brand, c.Spec, c.Category = pr.Name, pr.Brand, pr.Spec, pr.Category
		c.OriginCountry, c.Manufacturer = pr.Origin, pr.Manufacturer
		c.Owner, c.OwnerUSCC = s.party(pr.Owner)
		c.CertificateNo, c.CertificateStatus, c.RecordNo = pr.Cert.CertificateNo, string(pr.Cert.StatusAt(now)), pr.Cert.RecordNo
	}
	importer := uint32(0)
	if br.Imported {
		importer = br.Owner
	}
	if d := s.decls[br.Declaration]; d != nil {
		c.DeclarationNo, c.Port, c.InspectionResult, c.CustomsDecision = br.Declaration, d.Port, d.Inspection, d.Decision
		if d.Decision == "released" {
			c.ReleasedOn = date(d.DecidedAt)
		}
		importer = d.Importer
	}
	c.Importer, c.ImporterUSCC = s.party(importer)
	if n := len(br.Recalls); n > 0 {
		last := br.Recalls[n-1]
		c.RecallStatus, c.RecallID = "recalled", last.ID
		s.cardRecall(&c, last)
	}
	for _, pos := range it.Positions {
		if m, ok := s.move(pos); ok {
			s.cardMove(&c, br, m)
		}
	}
	return c, true
}

// cardMove fills what one event naming the item says on its card.
func (s *state) cardMove(c *query.ItemCard, br *batchRec, m move) {
	switch m.Kind {
	case moveLabelled:
		c.WarehouseIntake = time.Unix(0, m.At).UTC().Format(time.RFC3339)
		c.WarehouseIntakeBy, c.WarehouseIntakeByUSCC = s.party(m.To)
		c.Holder, c.HolderUSCC = c.WarehouseIntakeBy, c.WarehouseIntakeByUSCC
	case moveReceived:
		c.Holder, c.HolderUSCC = s.party(m.To)
	case moveShipped:
		c.Waybill = s.texts[m.Text]
		c.Waybills = append(c.Waybills, c.Waybill)
	case moveSold:
		c.Holder, c.HolderUSCC = "", ""
		c.Seller, c.SellerUSCC = s.party(m.From)
		c.SoldOn, c.SaleChannel = date(m.At), s.texts[m.Text]
		if s.ents[m.From].Ecommerce {
			c.ECommercePlatform, c.ECommerceEnterprise, c.ECommerceEnterpriseUSCC = c.SaleChannel, c.Seller, c.SellerUSCC
		}
	case moveReturned, moveDestroyed:
		if s.texts[m.Text] == "" {
			break // a disposal after a withdrawal from sale, not a recall return
		}
		// Returned or destroyed, the unit left its holder's stock.
		c.RecallStatus, c.RecallID, c.RecallLevel = "returned", s.texts[m.Text], 0
		c.Holder, c.HolderUSCC = "", ""
		if m.Kind == moveDestroyed {
			c.RecallStatus = "destroyed"
		}
		for _, r := range br.Recalls {
			if r.ID == c.RecallID {
				s.cardRecall(c, r)
			}
		}
	}
}

// cardRecall fills what the card tells of a recall: its level, reason and
// the public part of its plan (hazard, measures), and who runs it.
func (s *state) cardRecall(c *query.ItemCard, r recallMark) {
	c.RecallLevel, c.RecallReason = r.Level, s.texts[r.Reason]
	c.RecallHazard, c.RecallMeasures = s.texts[r.Hazard], s.texts[r.Measures]
	c.RecallBy, c.RecallByUSCC = s.party(r.Initiator)
}

// move finds the move recorded at pos (moves are in log order).
func (s *state) move(pos uint64) (move, bool) {
	i := sort.Search(len(s.moves), func(i int) bool { return s.moves[i].Pos >= pos })
	if i < len(s.moves) && s.moves[i].Pos == pos {
		return s.moves[i], true
	}
	return move{}, false
}

// party is an enterprise's name and USCC.
func (s *state) party(e uint32) (name, uscc string) {
	if e == 0 {
		return "", ""
	}
	return s.ents[e].Name, s.ents[e].USCC
}

func date(unixNano int64) string {
	return time.Unix(0, unixNano).UTC().Format(product.DateLayout)
}

// itemPath is the item's Digital Link path, the card's code.
func itemPath(k query.ItemKey) string {
	g, err1 := ident.ParseGTIN(k.GTIN)
	l, err2 := ident.ParseLot(k.Lot)
	v, err3 := ident.ParseSerial(k.Serial)
	if err1 != nil || err2 != nil || err3 != nil {
		return "/01/" + k.GTIN + "/10/" + k.Lot + "/21/" + k.Serial
	}
	return ident.ItemCode{GTIN: g, Lot: l, Serial: v}.Path()
}
