package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// CertificateModel answers a product's certificate at a given time;
// *certificate.Projection implements it.
type CertificateModel interface {
	Get(gtin14 string, now time.Time) (CertificateView, bool)
}

// Certificates answers the public certificate check: anyone (a retailer, a
// consumer) verifies an imported product's barcode notification
// certificate and sees its history.
type Certificates struct {
	consistency
	model CertificateModel
}

// NewCertificates reads model once progress has reached the client's
// position.
func NewCertificates(model CertificateModel, progress Progress) *Certificates {
	return &Certificates{consistency: consistency{progress}, model: model}
}

// Get is product gtin14's certificate as it stands now.
func (q *Certificates) Get(ctx context.Context, rd Read, gtin14 string) (CertificateView, error) {
	if err := q.await(ctx, rd); err != nil {
		return CertificateView{}, err
	}
	v, ok := q.model.Get(gtin14, time.Now())
	if !ok {
		return CertificateView{}, domain.NotFound("gtin", "product_not_registered", "product %s is not registered", gtin14)
	}
	return v, nil
}
