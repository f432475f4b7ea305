package certificate

import (
	"sort"
	"time"

	"github.com/traceledger/traceledger/domain/product"
)

// Expiring is an issued certificate that lapses soon: importers must renew
// it before goods can no longer be checked at the shelf.
type Expiring struct {
	GTIN          string `json:"gtin"`
	CertificateNo string `json:"certificate_no"`
	// NotifierUSCC is the importer that notified the barcode: the holder
	// of the certificate, who must renew it.
	NotifierUSCC string `json:"notifier_uscc"`
	ValidTo      string `json:"valid_to"`
	// DaysLeft is how many days after now's date (UTC) the certificate is
	// still valid: 0 means today is its last day.
	DaysLeft int `json:"days_left"`
}

// ExpiringWithin lists the certificates valid at now whose last valid day is
// at most days after now's date, soonest first (then by GTIN).
func (p *Projection) ExpiringWithin(now time.Time, days int) []Expiring {
	today, _ := time.Parse(product.DateLayout, now.UTC().Format(product.DateLayout))
	limit := today.AddDate(0, 0, days).Format(product.DateLayout)
	p.RLock()
	var out []Expiring
	for gtin, e := range p.State().Products {
		if !e.Registered || e.Cert.StatusAt(now) != product.StatusIssued || e.Cert.ValidTo > limit {
			continue
		}
		to, err := time.Parse(product.DateLayout, e.Cert.ValidTo)
		if err != nil {
			continue
		}
		out = append(out, Expiring{GTIN: gtin, CertificateNo: e.Cert.CertificateNo, NotifierUSCC: e.Cert.Notifier, ValidTo: e.Cert.ValidTo,
			DaysLeft: int(to.Sub(today).Hours() / 24)})
	}
	p.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].ValidTo != out[j].ValidTo {
			return out[i].ValidTo < out[j].ValidTo
		}
		return out[i].GTIN < out[j].GTIN
	})
	return out
}
