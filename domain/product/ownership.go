package product

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// Event type names of a product's ownership, written by hand and versioned.
const (
	TypeImporterAuthorised   = "product.importer_authorised.v1"
	TypeImporterDeauthorised = "product.importer_deauthorised.v1"
)

// ImporterAuthorised: the product's owner lets another importer of the same
// GTIN register batches of it and notify its barcode data, until revoked.
type ImporterAuthorised struct {
	GTIN         string `json:"gtin"`
	ImporterUSCC string `json:"importer_uscc"`
}

// EventType names the event.
func (ImporterAuthorised) EventType() string { return TypeImporterAuthorised }

// ImporterDeauthorised: an authorisation ends.
type ImporterDeauthorised struct {
	GTIN         string `json:"gtin"`
	ImporterUSCC string `json:"importer_uscc"`
}

// EventType names the event.
func (ImporterDeauthorised) EventType() string { return TypeImporterDeauthorised }

// A product belongs to the enterprise that registered its GTIN. Only that
// owner, and importers it authorised, register its batches (its lots are in
// the owner's namespace) and notify its barcode data; a regulator may act
// for either.

// ActsForProduct refuses a party (field names where the request gave it)
// that is neither the owner nor an importer the owner authorised.
func (p *Product) ActsForProduct(party ident.USCC, field string) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	if party.String() == p.reg.OwnerUSCC || p.authorised[party.String()] {
		return nil
	}
	return domain.Forbidden(field, "only_owner_product_or_importer", "only the owner of product %s, or an importer it authorised, records this", p.gtin)
}

// Authorise lets importer act for the product; by must be the owner or a
// regulator.
func (p *Product) Authorise(by access.Actor, importer ident.USCC) error {
	if err := p.mayManageOwnership(by); err != nil {
		return err
	}
	switch {
	case importer.String() == p.reg.OwnerUSCC:
		return domain.Invalid("importer_uscc", "product_owner_who_needs_no", "is the product's owner, who needs no authorisation")
	case p.authorised[importer.String()]:
		return domain.Conflict("importer_already_authorised_for_product", "importer %s is already authorised for product %s", importer, p.gtin)
	}
	p.Raise(ImporterAuthorised{GTIN: p.gtin.String(), ImporterUSCC: importer.String()}, p.apply)
	return nil
}

// Deauthorise ends an importer's authorisation; by must be the owner or a
// regulator.
func (p *Product) Deauthorise(by access.Actor, importer ident.USCC) error {
	if err := p.mayManageOwnership(by); err != nil {
		return err
	}
	if !p.authorised[importer.String()] {
		return domain.NotFound("importer_uscc", "importer_not_authorised_for_product", "importer %s is not authorised for product %s", importer, p.gtin)
	}
	p.Raise(ImporterDeauthorised{GTIN: p.gtin.String(), ImporterUSCC: importer.String()}, p.apply)
	return nil
}

// Authorised are the importers the owner authorised, in no order.
func (p *Product) Authorised() []string {
	out := make([]string, 0, len(p.authorised))
	for u := range p.authorised {
		out = append(out, u)
	}
	return out
}

func (p *Product) mayManageOwnership(by access.Actor) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	return by.ActsFor(p.reg.OwnerUSCC, "gtin")
}
