package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/product"
)

// CertificateView is a product's import barcode data notification
// certificate as anyone may check it.
type CertificateView struct {
	GTIN          string `json:"gtin"`
	Status        string `json:"status"`
	CertificateNo string `json:"certificate_no,omitempty"`
	ValidFrom     string `json:"valid_from,omitempty"`
	ValidTo       string `json:"valid_to,omitempty"`
}

// Certificate answers a product's certificate state now, from the product
// aggregate itself, so it reflects every command already acknowledged.
func (h *Handlers) Certificate(ctx context.Context, gtin string) (CertificateView, error) {
	g, err := parseGTIN("gtin", gtin)
	if err != nil {
		return CertificateView{}, err
	}
	unit := h.begin(readOnly, nil, []string{product.Stream(g)})
	defer unit.end()
	p, err := registeredProduct(ctx, unit, g, "gtin")
	if err != nil {
		return CertificateView{}, err
	}
	v := CertificateView{GTIN: g.String(), Status: string(p.Status(h.now()))}
	if no, from, to := p.Certificate(); no != "" {
		v.CertificateNo, v.ValidFrom, v.ValidTo = no, from.Format(product.DateLayout), to.Format(product.DateLayout)
	}
	return v, nil
}
