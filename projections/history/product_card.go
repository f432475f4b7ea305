package history

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/product"
)

// ProductCard composes a registered product's public page at now (the
// certificate's status depends on it): what a GTIN-only Digital Link
// resolves to.
func (p *Projection) ProductCard(_ context.Context, gtin14 string, now time.Time) (query.ProductCard, bool, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	pr, err := readRecord[productRec](p.m, productRecKey(gtin14))
	if err != nil {
		return query.ProductCard{}, false, fmt.Errorf("history model: product card: %w", err)
	}
	if pr == nil || !pr.Registered {
		return query.ProductCard{}, false, nil
	}
	c := query.ProductCard{GTIN: gtin14, ProductName: pr.Name, Brand: pr.Brand, Spec: pr.Spec, Category: pr.Category,
		OriginCountry: pr.Origin, Manufacturer: pr.Manufacturer, Imported: pr.Origin != "CN",
		CertificateStatus: string(pr.Cert.StatusAt(now)), RecordNo: pr.Cert.RecordNo}
	c.Owner, c.OwnerUSCC = p.ents.party(pr.Owner)
	c.Importer, c.ImporterUSCC = p.ents.party(p.ents.idx[pr.Cert.Notifier])
	if c.CertificateStatus != string(product.StatusNone) && c.CertificateStatus != string(product.StatusNotified) {
		c.CertificateNo, c.ValidFrom, c.ValidTo = pr.Cert.CertificateNo, pr.Cert.ValidFrom, pr.Cert.ValidTo
	}
	if c.CertificateStatus == string(product.StatusRevoked) && !pr.Cert.RevokedAt.IsZero() {
		c.RevokedOn = pr.Cert.RevokedAt.UTC().Format(product.DateLayout)
	}
	return c, true, nil
}
