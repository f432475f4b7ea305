package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// renewCertificate extends an issued certificate (regulators only).
func (h *Handlers) renewCertificate(ctx context.Context, a access.Actor, in RenewCertificate) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	rc := h.metadata(ctx, a, in.Common)
	return decideOn(ctx, h, rc, product.Stream(g), product.Load, func(p *product.Product) error {
		return p.Renew(in.ValidDays, rc.now)
	})
}

// amendCertificate records a change of an issued certificate's notified
// data by the owner or an authorised importer (a registered enterprise
// that may notify barcodes), or a regulator acting for one.
func (h *Handlers) amendCertificate(ctx context.Context, a access.Actor, in AmendCertificate) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	by, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	var next ident.USCC
	if in.NewHolderUSCC != "" {
		if next, err = parseUSCC("new_holder_uscc", in.NewHolderUSCC); err != nil {
			return Outcome{}, err
		}
	}
	reads := []string{enterprise.Stream(by)}
	if !next.IsZero() {
		reads = append(reads, enterprise.Stream(next))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{product.Stream(g)}, reads)
	defer unit.end()
	e, err := registered(ctx, unit, by, "holder_uscc")
	if err != nil {
		return Outcome{}, err
	}
	if err := e.MayNotifyBarcodes("holder_uscc"); err != nil {
		return Outcome{}, err
	}
	if !next.IsZero() {
		n, err := registered(ctx, unit, next, "new_holder_uscc")
		if err != nil {
			return Outcome{}, err
		}
		if err := n.MayNotifyBarcodes("new_holder_uscc"); err != nil {
			return Outcome{}, err
		}
	}
	p, err := registeredProduct(ctx, unit, g, "gtin")
	if err != nil {
		return Outcome{}, err
	}
	if err := p.Amend(by, product.Amendment{RecordNo: in.RecordNo, Holder: next, Reason: in.Reason}, unit.now); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// allowRenotification lets a revoked product be notified again
// (regulators only).
func (h *Handlers) allowRenotification(ctx context.Context, a access.Actor, in AllowRenotification) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	rc := h.metadata(ctx, a, in.Common)
	return decideOn(ctx, h, rc, product.Stream(g), product.Load, func(p *product.Product) error {
		return p.AllowRenotification(in.Reason, rc.now)
	})
}
