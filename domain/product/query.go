package product

import (
	"time"

	"github.com/traceledger/traceledger/domain/ident"
)

// Registered reports whether the product exists.
func (p *Product) Registered() bool { return !p.gtin.IsZero() }

// GTIN is the product's GTIN-14.
func (p *Product) GTIN() ident.GTIN { return p.gtin }

// Origin is the country of origin.
func (p *Product) Origin() ident.Country { return p.origin }

// Imported reports whether the product comes from outside CN.
func (p *Product) Imported() bool { return !p.origin.IsChina() }

// Owner is the enterprise responsible for the product.
func (p *Product) Owner() string { return p.reg.OwnerUSCC }

// ShelfLifeDays is the registered shelf life (0: none).
func (p *Product) ShelfLifeDays() int { return p.reg.ShelfLifeDays }

// Status is the certificate's state at time now: an issued certificate whose
// valid_to date lies before now's date is expired, and a revocation counts
// from the time it took effect.
func (p *Product) Status(now time.Time) Status {
	s := p.status
	if s == StatusRevoked && now.Before(p.revokedAt) {
		s = StatusIssued
	}
	if s == StatusIssued && now.UTC().Format(DateLayout) > p.validTo.Format(DateLayout) {
		return StatusExpired
	}
	return s
}

// Certificate returns the certificate number and validity (zero when none
// was issued).
func (p *Product) Certificate() (no string, from, to time.Time) {
	return p.certNo, p.validFrom, p.validTo
}
