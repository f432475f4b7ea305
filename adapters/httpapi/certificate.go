package httpapi

import (
	"context"
	"net/http"

	"github.com/traceledger/traceledger/domain/command"
)

// Certificates answers a product's certificate state. *command.Handlers
// implements it.
type Certificates interface {
	Certificate(ctx context.Context, gtin string) (command.CertificateView, error)
}

// routeCertificates serves the public certificate check: a retailer or a
// consumer verifies an imported product's barcode notification certificate.
func (s *Server) routeCertificates(c Certificates) {
	s.HandleFunc("GET /api/v1/products/{gtin}/certificate", func(w http.ResponseWriter, r *http.Request) error {
		v, err := c.Certificate(r.Context(), r.PathValue("gtin"))
		if err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, v)
		return nil
	}, Public)
}
