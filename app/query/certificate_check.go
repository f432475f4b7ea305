package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// MaxCheckedCodes bounds one delivery check.
const MaxCheckedCodes = 1000

// CertificateCheck is one code of a delivery as the check answers it: the
// product's certificate now, "none" for a product the ledger does not hold,
// or why the code was not understood.
type CertificateCheck struct {
	Code          string         `json:"code"`
	GTIN          string         `json:"gtin,omitempty"`
	Imported      bool           `json:"imported,omitempty"`
	Status        product.Status `json:"status,omitempty"`
	CertificateNo string         `json:"certificate_no,omitempty"`
	Version       int            `json:"version,omitempty"`
	ValidTo       string         `json:"valid_to,omitempty"`
	// Admissible says whether the ledger accepts receiving and selling the
	// code's goods now: domestic goods, or imported goods under an issued,
	// valid certificate. A code not understood, or of a product the ledger
	// does not hold, is not admissible.
	Admissible *bool  `json:"admissible,omitempty"`
	Error      string `json:"error,omitempty"`
}

// Check is the certificate of every code of a delivery, in their order: a
// retailer checks a whole delivery (查验) in one call. A code is a GTIN, a
// package's Digital Link or its SGTIN; one the check cannot read says why,
// and the others are still answered.
func (q *Certificates) Check(ctx context.Context, rd Read, codes []string) ([]CertificateCheck, error) {
	switch {
	case len(codes) == 0:
		return nil, domain.Invalid("codes", "give_at_least_one_code", "give at least one code")
	case len(codes) > MaxCheckedCodes:
		return nil, domain.Invalid("codes", "holds_codes_more_than", "holds %d codes, more than %d", len(codes), MaxCheckedCodes)
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, err
	}
	now := time.Now()
	out := make([]CertificateCheck, len(codes))
	for i, code := range codes {
		out[i] = q.check(code, now)
	}
	return out, nil
}

func (q *Certificates) check(code string, now time.Time) CertificateCheck {
	c := CertificateCheck{Code: code}
	g, err := gtinOf(code)
	if err != nil {
		c.Error = err.Error()
		return c
	}
	c.GTIN, c.Status = g.String(), product.StatusNone
	admissible := false
	if v, ok := q.model.Get(c.GTIN, now); ok {
		c.Imported, c.Status, c.CertificateNo, c.Version, c.ValidTo = v.Imported, v.Status, v.CertificateNo, v.Version, v.ValidTo
		admissible = batch.CertificateAdmits(v.Imported, v.Status)
	}
	c.Admissible = &admissible
	return c
}

// gtinOf reads the GTIN of a bare GTIN or of an item's code.
func gtinOf(code string) (ident.GTIN, error) {
	if g, err := ident.ParseGTIN(code); err == nil {
		return g, nil
	}
	c, err := ident.ParseItemCode(code)
	if err != nil {
		return ident.GTIN{}, err
	}
	return c.GTIN, nil
}
