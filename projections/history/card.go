package history

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// Card composes an item's card at now (the certificate's status depends
// on it). The resolver page and the item history both show it.
func (p *Projection) Card(_ context.Context, k query.ItemKey, now time.Time) (query.ItemCard, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	b, serial := itemOf(k)
	br, ok, err := p.item(b, serial)
	if err != nil || !ok {
		return query.ItemCard{}, false, err
	}
	ents := p.ents
	c := query.ItemCard{Code: itemPath(k), GTIN: k.GTIN, Lot: k.Lot, Serial: k.Serial,
		CertificateStatus: string(product.StatusNone), RecallStatus: "none",
		ProducedOn: br.ProducedOn, ExpiresOn: br.ExpiresOn}
	pr, err := readRecord[productRec](p.m, productRecKey(k.GTIN))
	if err != nil {
		return query.ItemCard{}, false, fmt.Errorf("history model: card's product: %w", err)
	}
	if pr != nil {
		c.ProductName, c.Brand, c.Spec, c.Category = pr.Name, pr.Brand, pr.Spec, pr.Category
		c.OriginCountry, c.Manufacturer = pr.Origin, pr.Manufacturer
		c.Owner, c.OwnerUSCC = ents.party(pr.Owner)
		c.CertificateNo, c.CertificateStatus, c.RecordNo = pr.Cert.CertificateNo, string(pr.Cert.StatusAt(now)), pr.Cert.RecordNo
	}
	importer := uint32(0)
	if br.Imported {
		importer = br.Owner
	}
	d, err := readRecord[declarationRec](p.m, declRecKey(br.Declaration))
	if err != nil {
		return query.ItemCard{}, false, fmt.Errorf("history model: card's declaration: %w", err)
	}
	if d != nil {
		c.DeclarationNo, c.Port, c.InspectionResult, c.CustomsDecision = br.Declaration, d.Port, d.Inspection, d.Decision
		if d.Decision == "released" {
			c.ReleasedOn = date(d.DecidedAt)
		}
		importer = d.Importer
	}
	c.Importer, c.ImporterUSCC = ents.party(importer)
	if n := len(br.Recalls); n > 0 {
		last := br.Recalls[n-1]
		c.RecallStatus, c.RecallID = "recalled", last.ID
		cardRecall(ents, &c, last)
	}
	own, err := readAll(p.m, itemPrefix(br.No, serial))
	if err != nil {
		return query.ItemCard{}, false, fmt.Errorf("history model: card's moves: %w", err)
	}
	for _, s := range own {
		v, ok, err := p.m.Get(moveKey(s.pos))
		if err != nil {
			return query.ItemCard{}, false, fmt.Errorf("history model: card's move at %d: %w", s.pos, err)
		}
		if !ok {
			continue
		}
		m, err := decodeMove(v)
		if err != nil {
			return query.ItemCard{}, false, fmt.Errorf("history model: card's move at %d: %w", s.pos, err)
		}
		cardMove(ents, &c, br, m)
	}
	return c, true, nil
}

// cardMove fills what one event naming the item says on its card.
func cardMove(ents *entTable, c *query.ItemCard, br *batchRec, m move) {
	switch m.Kind {
	case moveLabelled:
		c.WarehouseIntake = time.Unix(0, m.At).UTC().Format(time.RFC3339)
		c.WarehouseIntakeBy, c.WarehouseIntakeByUSCC = ents.party(m.To)
		c.Holder, c.HolderUSCC = c.WarehouseIntakeBy, c.WarehouseIntakeByUSCC
	case moveReceived:
		c.Holder, c.HolderUSCC = ents.party(m.To)
	case moveShipped:
		c.Waybill = m.Text
		c.Waybills = append(c.Waybills, c.Waybill)
	case moveSold:
		c.Holder, c.HolderUSCC = "", ""
		c.Seller, c.SellerUSCC = ents.party(m.From)
		c.SoldOn, c.SaleChannel = date(m.At), m.Text
		if int(m.From) < len(ents.recs) && ents.recs[m.From].Ecommerce {
			c.ECommercePlatform, c.ECommerceEnterprise, c.ECommerceEnterpriseUSCC = c.SaleChannel, c.Seller, c.SellerUSCC
		}
	case moveReturned, moveDestroyed:
		if m.Text == "" {
			break // a disposal after a withdrawal from sale, not a recall return
		}
		// Returned or destroyed, the unit left its holder's stock.
		c.RecallStatus, c.RecallID, c.RecallLevel = "returned", m.Text, 0
		c.Holder, c.HolderUSCC = "", ""
		if m.Kind == moveDestroyed {
			c.RecallStatus = "destroyed"
		}
		for _, r := range br.Recalls {
			if r.ID == c.RecallID {
				cardRecall(ents, c, r)
			}
		}
	}
}

// cardRecall fills what the card tells of a recall: its level, reason and
// the public part of its plan (hazard, measures), and who runs it.
func cardRecall(ents *entTable, c *query.ItemCard, r recallMark) {
	c.RecallLevel, c.RecallReason = r.Level, r.Reason
	c.RecallHazard, c.RecallMeasures = r.Hazard, r.Measures
	c.RecallBy, c.RecallByUSCC = ents.party(r.Initiator)
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
