package query

import (
	"time"

	"github.com/traceledger/traceledger/domain/product"
)

// CertificateActor is who recorded a certificate event.
type CertificateActor struct {
	USCC string `json:"uscc"`
	Role string `json:"role"`
}

// CertificateEvent is one certificate event of a product, so a retailer sees
// when it was notified, issued, rejected or revoked, and by whom.
type CertificateEvent struct {
	Position   uint64           `json:"position"`
	Type       string           `json:"type"`
	OccurredAt time.Time        `json:"occurred_at"`
	Actor      CertificateActor `json:"actor"`
}

// CertificateView is a product's certificate at a given time, as the public check
// answers it: number and validity are present once a certificate was issued.
type CertificateView struct {
	GTIN          string             `json:"gtin"`
	Status        product.Status     `json:"status"`
	CertificateNo string             `json:"certificate_no,omitempty"`
	ValidFrom     string             `json:"valid_from,omitempty"`
	ValidTo       string             `json:"valid_to,omitempty"`
	History       []CertificateEvent `json:"history"`
}
