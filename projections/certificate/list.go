package certificate

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// The product directory query reads it through the port app/query
// declares.
var _ query.ProductDirectoryModel = (*Projection)(nil)

// Products lists every registered product with its certificate's state at
// now, in no particular order (the query sorts).
func (p *Projection) Products(now time.Time) []query.ProductSummary {
	p.RLock()
	defer p.RUnlock()
	out := make([]query.ProductSummary, 0, len(p.State().Products))
	for gtin, e := range p.State().Products {
		if !e.Registered {
			continue
		}
		r := e.Product
		out = append(out, query.ProductSummary{GTIN: gtin, Name: r.Name, Brand: r.Brand, Spec: r.Spec, Category: r.Category,
			OriginCountry: r.OriginCountry, Manufacturer: r.Manufacturer, OwnerUSCC: r.OwnerUSCC, Imported: e.Imported,
			Certificate: string(e.Cert.StatusAt(now)), CertificateNo: e.Cert.CertificateNo, ValidTo: e.Cert.ValidTo,
			NotifierUSCC: e.Cert.Notifier, RegisteredAt: e.At, Position: e.Position})
	}
	return out
}
