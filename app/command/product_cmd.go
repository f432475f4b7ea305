package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// registerProduct registers a product for its owner.
func (h *Handlers) registerProduct(ctx context.Context, a access.Actor, in RegisterProduct) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	origin, err := parseCountry("origin_country", in.OriginCountry)
	if err != nil {
		return Outcome{}, err
	}
	owner, err := actingAs(a, "owner_uscc", in.OwnerUSCC)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{product.Stream(g)}, []string{enterprise.Stream(owner)})
	defer unit.end()
	if _, err := registered(ctx, unit, owner, "owner_uscc"); err != nil {
		return Outcome{}, err
	}
	p, err := loadProduct(ctx, unit, g)
	if err != nil {
		return Outcome{}, err
	}
	if err := p.Register(g, product.Details{Name: in.Name, Brand: in.Brand, Spec: in.Spec, Category: in.Category,
		Manufacturer: in.Manufacturer, Origin: origin, Owner: owner, ShelfLifeDays: in.ShelfLifeDays}); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// notifyBarcode records an importer's barcode data notification.
func (h *Handlers) notifyBarcode(ctx context.Context, a access.Actor, in NotifyBarcode) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	notifier, err := actingAs(a, "notifier_uscc", in.NotifierUSCC)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{product.Stream(g)}, []string{enterprise.Stream(notifier)})
	defer unit.end()
	e, err := registered(ctx, unit, notifier, "notifier_uscc")
	if err != nil {
		return Outcome{}, err
	}
	if err := e.MayNotifyBarcodes("notifier_uscc"); err != nil {
		return Outcome{}, err
	}
	p, err := loadProduct(ctx, unit, g)
	if err != nil {
		return Outcome{}, err
	}
	if err := p.Notify(notifier, in.RecordNo, unit.now); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// verifyBarcode issues or rejects the certificate (regulators only).
func (h *Handlers) verifyBarcode(ctx context.Context, a access.Actor, in VerifyBarcode) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	if in.Valid == nil {
		return Outcome{}, domain.Invalid("valid", "required_true_or_false", "is required (true or false)")
	}
	rc := h.metadata(ctx, a, in.Common)
	return decideOn(ctx, h, rc, product.Stream(g), product.Load, func(p *product.Product) error {
		return p.Verify(*in.Valid, in.Reason, in.ValidDays, rc.now)
	})
}

// revokeCertificate revokes a certificate (regulators only).
func (h *Handlers) revokeCertificate(ctx context.Context, a access.Actor, in RevokeCertificate) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	rc := h.metadata(ctx, a, in.Common)
	return decideOn(ctx, h, rc, product.Stream(g), product.Load, func(p *product.Product) error { return p.Revoke(in.Reason, rc.now) })
}

// authoriseImporter lets a registered importer act for the product.
func (h *Handlers) authoriseImporter(ctx context.Context, a access.Actor, in AuthoriseImporter) (Outcome, error) {
	return h.changeImporter(ctx, a, in.Common, in.GTIN, in.ImporterUSCC, true)
}

// deauthoriseImporter ends an importer's authorisation for the product.
func (h *Handlers) deauthoriseImporter(ctx context.Context, a access.Actor, in DeauthoriseImporter) (Outcome, error) {
	return h.changeImporter(ctx, a, in.Common, in.GTIN, in.ImporterUSCC, false)
}

// changeImporter authorises the importer for the product (which it must be:
// a registered enterprise with the importer role), or ends its
// authorisation.
func (h *Handlers) changeImporter(ctx context.Context, a access.Actor, c Common, gtin, importer string, authorise bool) (Outcome, error) {
	g, err := parseGTIN("gtin", gtin)
	if err != nil {
		return Outcome{}, err
	}
	imp, err := parseUSCC("importer_uscc", importer)
	if err != nil {
		return Outcome{}, err
	}
	var reads []string
	if authorise {
		reads = []string{enterprise.Stream(imp)}
	}
	unit := h.begin(h.metadata(ctx, a, c), []string{product.Stream(g)}, reads)
	defer unit.end()
	if authorise {
		e, err := registered(ctx, unit, imp, "importer_uscc")
		if err != nil {
			return Outcome{}, err
		}
		if err := e.RequireRole("importer_uscc", enterprise.Importer); err != nil {
			return Outcome{}, err
		}
	}
	p, err := registeredProduct(ctx, unit, g, "gtin")
	if err != nil {
		return Outcome{}, err
	}
	change := p.Deauthorise
	if authorise {
		change = p.Authorise
	}
	if err := change(a, imp); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

func loadProduct(ctx context.Context, u *unit, g ident.GTIN) (*product.Product, error) {
	return load(ctx, u, product.Stream(g), product.Load)
}

// registeredProduct loads a product that must exist, naming field if not.
func registeredProduct(ctx context.Context, u *unit, g ident.GTIN, field string) (*product.Product, error) {
	p, err := loadProduct(ctx, u, g)
	if err != nil {
		return nil, err
	}
	if !p.Registered() {
		return nil, domain.NotFound(field, "product_not_registered", "product %s is not registered", g)
	}
	return p, nil
}
