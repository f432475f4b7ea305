package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// RouteCertificates serves the public certificate check from the
// certificate read model: a retailer or a consumer verifies an imported
// product's barcode notification certificate and sees its history, or a
// whole delivery's codes in one call. It
// answers in microseconds without touching the event store; a client that
// just recorded a certificate event passes ?min_position= to read it.
func (s *Server) RouteCertificates(q *query.Certificates) {
	s.HandleFunc("GET /api/v1/products/{gtin}/certificate", func(w http.ResponseWriter, r *http.Request) error {
		g, err := pathGTIN(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.CertificateView, error) { return q.Get(r.Context(), rd, g.String()) })
	}, Public)
	s.HandleFunc("POST /api/v1/certificates/check", func(w http.ResponseWriter, r *http.Request) error {
		body, err := s.readBody(w, r)
		if err != nil {
			return err
		}
		var in struct {
			Codes []string `json:"codes"`
		}
		if err := decodeJSON(body, &in, false); err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (map[string]any, error) {
			checks, err := q.Check(r.Context(), rd, in.Codes)
			return map[string]any{"checks": checks}, err
		})
	}, Public)
}

// pathGTIN parses the {gtin} path value (400 naming field gtin).
func pathGTIN(r *http.Request) (ident.GTIN, error) {
	raw := r.PathValue("gtin")
	g, err := ident.ParseGTIN(raw)
	if err != nil {
		return g, domain.InvalidValue("gtin", err)
	}
	return g, nil
}
