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
// when it was notified, issued, renewed, amended, rejected or revoked, by
// whom, and the certificate's version and validity after it.
type CertificateEvent struct {
	Position      uint64              `json:"position"`
	Type          string              `json:"type"`
	OccurredAt    time.Time           `json:"occurred_at"`
	Actor         CertificateActor    `json:"actor"`
	CertificateNo string              `json:"certificate_no,omitempty"`
	Version       int                 `json:"version,omitempty"`
	ValidFrom     string              `json:"valid_from,omitempty"`
	ValidTo       string              `json:"valid_to,omitempty"`
	RecordNo      string              `json:"record_no,omitempty"`
	Changes       []CertificateChange `json:"changes,omitempty"`
	Reason        string              `json:"reason,omitempty"`
}

// CertificateChange is one field of the notified data an amendment changed.
type CertificateChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// CertificateView is a product's certificate at a given time, as the public check
// answers it: number and validity are present once a certificate was issued.
type CertificateView struct {
	GTIN string `json:"gtin"`
	// Imported: the product comes from outside CN, so its goods are
	// received and sold only under an issued certificate.
	Imported      bool           `json:"imported"`
	Status        product.Status `json:"status"`
	CertificateNo string         `json:"certificate_no,omitempty"`
	// Version is the issued certificate's version: 1 at issue, one more
	// for each renewal and amendment.
	Version   int    `json:"version,omitempty"`
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
	// RenotificationAllowed: the certificate is revoked and the regulator
	// allowed a new notification.
	RenotificationAllowed bool               `json:"renotification_allowed,omitempty"`
	History               []CertificateEvent `json:"history"`
}
