package httpapi

import (
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/certificate"
)

// CertificateModel answers a product's certificate at a given time from the
// read model. *certificate.Projection implements it.
type CertificateModel interface {
	Get(gtin14 string, now time.Time) (certificate.View, bool)
}

// RouteCertificates serves the public certificate check from the
// certificate read model: a retailer or a consumer verifies an imported
// product's barcode notification certificate and sees its history. It
// answers in microseconds without touching the event store; a client that
// just recorded a certificate event passes ?min_position= to read it.
func (s *Server) RouteCertificates(c CertificateModel, rm ReadModels) {
	s.HandleFunc("GET /api/v1/products/{gtin}/certificate", func(w http.ResponseWriter, r *http.Request) error {
		if err := Consistent(w, r, rm); err != nil {
			return err
		}
		g, err := pathGTIN(r)
		if err != nil {
			return err
		}
		v, ok := c.Get(g.String(), time.Now())
		if !ok {
			return domain.NotFound("gtin", "product %s is not registered", g)
		}
		WriteJSON(w, http.StatusOK, v)
		return nil
	}, Public)
}

// pathGTIN parses the {gtin} path value (400 naming field gtin).
func pathGTIN(r *http.Request) (ident.GTIN, error) {
	raw := r.PathValue("gtin")
	g, err := ident.ParseGTIN(raw)
	if err != nil {
		return g, domain.Invalid("gtin", "%v", err)
	}
	return g, nil
}
