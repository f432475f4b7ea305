// Package certificate is the read model of every product's import barcode
// data notification certificate (进口商品条码数据通报凭证): its state, number,
// validity and the events that made it, for the public certificate check,
// the expiry alerts and the traceability card.
package certificate

import (
	"time"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
)

// Cert is one product's certificate as its events left it. The stored
// status is never expired, and a revocation is stored from the event that
// records it: StatusAt derives the state at a given time, so the fold needs
// no clock. The history projection keeps one per product for the card.
type Cert struct {
	Stored        product.Status `json:"status"`
	CertificateNo string         `json:"certificate_no,omitempty"`
	ValidFrom     string         `json:"valid_from,omitempty"`
	ValidTo       string         `json:"valid_to,omitempty"`
	RevokedAt     time.Time      `json:"revoked_at,omitzero"`
	// Notifier and RecordNo come from the last barcode notification: the
	// importer that notified and its record number (备案号).
	Notifier string `json:"notifier,omitempty"`
	RecordNo string `json:"record_no,omitempty"`
	// Version is the issued certificate's version: 1 at issue, one more
	// for each renewal and amendment.
	Version int `json:"version,omitempty"`
	// RenotificationAllowed: after a revocation, the regulator allowed a
	// new notification.
	RenotificationAllowed bool `json:"renotification_allowed,omitempty"`
}

// NewCert is the certificate of a product just registered: none.
func NewCert() Cert { return Cert{Stored: product.StatusNone} }

// Apply folds one event of the product's stream into the certificate and
// reports whether it was a certificate event. It mirrors the product
// aggregate's own fold, so the read model and the aggregate agree.
func (c *Cert) Apply(ev event.Event) bool {
	switch ev := ev.(type) {
	case product.BarcodeNotified:
		*c = Cert{Stored: product.StatusNotified, Notifier: ev.NotifierUSCC, RecordNo: ev.RecordNo}
	case product.CertificateIssued:
		c.Stored, c.CertificateNo, c.ValidFrom, c.ValidTo = product.StatusIssued, ev.CertificateNo, ev.ValidFrom, ev.ValidTo
		c.RevokedAt, c.Version = time.Time{}, 1
	case product.CertificateRenewed:
		c.ValidFrom, c.ValidTo, c.Version = ev.ValidFrom, ev.ValidTo, ev.Version
	case product.CertificateAmended:
		c.Version = ev.Version
		if no, ok := ev.Changed(product.FieldRecordNo); ok {
			c.RecordNo = no
		}
		if h, ok := ev.Changed(product.FieldHolder); ok {
			c.Notifier = h
		}
	case product.RenotificationAllowed:
		c.RenotificationAllowed = true
	case product.CertificateRejected:
		c.Stored = product.StatusRejected
	case product.CertificateRevoked:
		c.Stored = product.StatusRevoked
		c.RevokedAt, _ = time.Parse(time.RFC3339, ev.RevokedAt)
		c.RevokedAt = c.RevokedAt.UTC()
	default:
		return false
	}
	return true
}

// StatusAt is the certificate's state at now: a revocation counts from the
// time it took effect, and an issued certificate whose valid_to date lies
// before now's date (UTC) is expired.
func (c Cert) StatusAt(now time.Time) product.Status {
	s := c.Stored
	if s == "" {
		s = product.StatusNone
	}
	if s == product.StatusRevoked && now.Before(c.RevokedAt) {
		s = product.StatusIssued
	}
	if s == product.StatusIssued && now.UTC().Format(product.DateLayout) > c.ValidTo {
		return product.StatusExpired
	}
	return s
}
