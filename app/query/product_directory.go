package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/product"
)

// ProductSummary is one product as the product directory lists it: its
// registration and its certificate's state as of the query's time.
type ProductSummary struct {
	GTIN          string    `json:"gtin"`
	Name          string    `json:"name"`
	Brand         string    `json:"brand,omitempty"`
	Spec          string    `json:"spec,omitempty"`
	Category      string    `json:"category"`
	OriginCountry string    `json:"origin_country"`
	Manufacturer  string    `json:"manufacturer,omitempty"`
	OwnerUSCC     string    `json:"owner_uscc"`
	Imported      bool      `json:"imported"`
	Certificate   string    `json:"certificate_status"`
	CertificateNo string    `json:"certificate_no,omitempty"`
	ValidTo       string    `json:"valid_to,omitempty"`
	NotifierUSCC  string    `json:"notifier_uscc,omitempty"`
	RegisteredAt  time.Time `json:"registered_at"`
	Position      uint64    `json:"registered_position"`
}

// ProductFilter selects products: each set field must match. Name is a
// case-insensitive substring of the name or brand; Certificate a
// certificate state (none, notified, issued, rejected, expired, revoked).
type ProductFilter struct {
	Category    string
	Origin      string
	Owner       string
	Certificate string
	Name        string
	// Registered keeps the products registered in the range.
	Registered TimeRange
}

// ProductDirectoryModel lists every registered product with its
// certificate's state at now; *certificate.Projection implements it.
type ProductDirectoryModel interface {
	Products(now time.Time) []ProductSummary
}

// ProductSorts are the product directory's sort keys, the default first.
var ProductSorts = []string{"name", "gtin", "category", "origin", "registered"}

// ProductDirectory answers the product directory: overseers list every
// product, an enterprise the products it owns or notified the barcode of
// (the others are absent, not refused).
type ProductDirectory struct {
	consistency
	model ProductDirectoryModel
}

// NewProductDirectory reads model once progress has reached the client's
// position.
func NewProductDirectory(model ProductDirectoryModel, progress Progress) *ProductDirectory {
	return &ProductDirectory{consistency: consistency{progress}, model: model}
}

// List is a page of the products rd's actor may see that match f, with
// certificates as of now, sorted and paged by pg.
func (q *ProductDirectory) List(ctx context.Context, rd Read, f ProductFilter, pg DirectoryPage, now time.Time) ([]ProductSummary, string, error) {
	if err := mayBrowse(rd.Actor); err != nil {
		return nil, "", err
	}
	if f.Certificate != "" && !knownCertificateStatus(f.Certificate) {
		return nil, "", domain.Invalid("certificate", "want_none_notified_issued_rejected", "%q: want none, notified, issued, rejected, expired or revoked", f.Certificate)
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	var rows []ProductSummary
	for _, p := range q.model.Products(now) {
		if own, only := rd.Actor.OwnOnly(); only && own != p.OwnerUSCC && own != p.NotifierUSCC {
			continue
		}
		if (f.Category != "" && p.Category != f.Category) || (f.Origin != "" && p.OriginCountry != f.Origin) ||
			(f.Owner != "" && p.OwnerUSCC != f.Owner) || (f.Certificate != "" && p.Certificate != f.Certificate) ||
			!(containsFold(p.Name, f.Name) || containsFold(p.Brand, f.Name)) || !f.Registered.Holds(p.RegisteredAt) {
			continue
		}
		rows = append(rows, p)
	}
	return pageSorted(rows, pg, ProductSorts, map[string]func(ProductSummary) sortKey{
		"name":       func(p ProductSummary) sortKey { return sortKey{p.Name, p.GTIN} },
		"gtin":       func(p ProductSummary) sortKey { return sortKey{p.GTIN, p.GTIN} },
		"category":   func(p ProductSummary) sortKey { return sortKey{p.Category, p.GTIN} },
		"origin":     func(p ProductSummary) sortKey { return sortKey{p.OriginCountry, p.GTIN} },
		"registered": func(p ProductSummary) sortKey { return sortKey{positionKey(p.Position), p.GTIN} },
	})
}

func knownCertificateStatus(s string) bool {
	switch product.Status(s) {
	case product.StatusNone, product.StatusNotified, product.StatusIssued, product.StatusRejected, product.StatusExpired, product.StatusRevoked:
		return true
	}
	return false
}
