package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// registerBatch records a batch produced or imported by its owner.
func (h *Handlers) registerBatch(ctx context.Context, a access.Actor, in RegisterBatch) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	q, err := parseQuantity("quantity", in.Quantity)
	if err != nil {
		return Outcome{}, err
	}
	produced, err := parseDate("produced_on", in.ProducedOn)
	if err != nil {
		return Outcome{}, err
	}
	expires, err := parseDate("expires_on", in.ExpiresOn)
	if err != nil {
		return Outcome{}, err
	}
	owner, err := actingAs(a, "owner_uscc", in.OwnerUSCC)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, []string{product.Stream(g), enterprise.Stream(owner)})
	defer unit.end()
	e, err := registered(ctx, unit, owner, "owner_uscc")
	if err != nil {
		return Outcome{}, err
	}
	p, err := registeredProduct(ctx, unit, g, "gtin")
	if err != nil {
		return Outcome{}, err
	}
	if err := e.MayOwnBatch("owner_uscc", p.Imported()); err != nil {
		return Outcome{}, err
	}
	if err := p.ActsForProduct(owner, "owner_uscc"); err != nil {
		return Outcome{}, err
	}
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	if err := b.Register(batch.Spec{GTIN: g, Lot: l, Quantity: q, ProducedOn: produced, ExpiresOn: expires, Owner: owner, Origin: p.Origin()}); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// applyLabels binds labels to units the owner holds: the serials given, or
// count new ones. It answers with each label's Digital Link.
func (h *Handlers) applyLabels(ctx context.Context, a access.Actor, in ApplyLabels) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	owner, err := actingAs(a, "owner_uscc", in.OwnerUSCC)
	if err != nil {
		return Outcome{}, err
	}
	serials, err := h.serials(in)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, nil)
	defer unit.end()
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	if err := b.Label(owner, serials); err != nil {
		return Outcome{}, err
	}
	labels := make([]Label, 0, len(serials))
	for _, s := range serials {
		code := ident.ItemCode{GTIN: g, Lot: l, Serial: s}
		labels = append(labels, Label{Serial: s.String(), Code: code.DigitalLink(h.baseURL)})
	}
	return unit.commitWith(ctx, Outcome{Labels: labels})
}

// maxLabels bounds one labelling command.
const maxLabels = 10_000

func (h *Handlers) serials(in ApplyLabels) ([]ident.Serial, error) {
	switch {
	case len(in.Serials) > 0 && in.Count > 0:
		return nil, domain.Invalid("count", "give_serials_or_count_not", "give serials or count, not both")
	case len(in.Serials) > maxLabels || in.Count > maxLabels:
		return nil, domain.Invalid("serials", "at_most_labels_at_once", "at most %d labels at once", maxLabels)
	case len(in.Serials) > 0:
		out := make([]ident.Serial, len(in.Serials))
		for i, s := range in.Serials {
			v, err := parseSerial(fieldIndex("serials", i), s)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case in.Count > 0:
		out := make([]ident.Serial, in.Count)
		for i := range out {
			out[i] = newSerial(h.newID())
		}
		return out, nil
	case in.Count < 0:
		return nil, domain.Invalid("count", "must_positive", "must be positive")
	}
	return nil, domain.Invalid("serials", "give_serials_or_count", "give serials or count")
}

// inspectMarket records a market inspection of a batch at an enterprise
// (regulators only).
func (h *Handlers) inspectMarket(ctx context.Context, a access.Actor, in InspectMarket) (Outcome, error) {
	g, l, err := parseBatch("gtin", "lot", in.GTIN, in.Lot)
	if err != nil {
		return Outcome{}, err
	}
	at, err := parseUSCC("enterprise_uscc", in.EnterpriseUSCC)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{batch.Stream(g, l)}, []string{enterprise.Stream(at)})
	defer unit.end()
	if _, err := registered(ctx, unit, at, "enterprise_uscc"); err != nil {
		return Outcome{}, err
	}
	b, err := loadBatch(ctx, unit, g, l)
	if err != nil {
		return Outcome{}, err
	}
	if err := b.Inspect(at, in.Result, in.Findings); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

func loadBatch(ctx context.Context, u *unit, g ident.GTIN, l ident.Lot) (*batch.Batch, error) {
	return load(ctx, u, batch.Stream(g, l), batch.Load)
}
