package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
)

// fileComplaint takes in a 12315 complaint (regulators).
func (h *Handlers) fileComplaint(ctx context.Context, a access.Actor, in FileComplaint) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	f := complaint.Filed{GTIN: g.String(), Category: in.Category, Severity: in.Severity, Channel: in.Channel}
	if in.Lot != "" {
		l, err := parseLot("lot", in.Lot)
		if err != nil {
			return Outcome{}, err
		}
		f.Lot = l.String()
	}
	if in.Item != "" {
		c, err := parseItem("item", in.Item)
		if err != nil {
			return Outcome{}, err
		}
		if c.GTIN != g || (f.Lot != "" && c.Lot.String() != f.Lot) {
			return Outcome{}, domain.Invalid("item", "does not belong to the gtin and lot given")
		}
		f.Lot, f.Serial = c.Lot.String(), c.Serial.String()
	}
	against, err := parseUSCC("against_uscc", in.AgainstUSCC)
	if err != nil {
		return Outcome{}, err
	}
	f.AgainstUSCC = against.String()
	f.ComplaintID = h.newID().String()
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{complaint.Stream(f.ComplaintID)},
		[]string{enterprise.Stream(against), product.Stream(g)})
	defer unit.end()
	if _, err := registered(ctx, unit, against, "against_uscc"); err != nil {
		return Outcome{}, err
	}
	if _, err := registeredProduct(ctx, unit, g, "gtin"); err != nil {
		return Outcome{}, err
	}
	c, err := load(ctx, unit, complaint.Stream(f.ComplaintID), complaint.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := c.File(f); err != nil {
		return Outcome{}, err
	}
	return unit.commitWith(ctx, Outcome{ComplaintID: f.ComplaintID})
}

// resolveComplaint closes a complaint (regulators).
func (h *Handlers) resolveComplaint(ctx context.Context, a access.Actor, in ResolveComplaint) (Outcome, error) {
	if in.Substantiated == nil {
		return Outcome{}, domain.Invalid("substantiated", "is required (true or false)")
	}
	if err := required("id", in.ComplaintID); err != nil {
		return Outcome{}, err
	}
	return decideOn(ctx, h, h.metadata(ctx, a, in.Common), complaint.Stream(in.ComplaintID), complaint.Load, func(c *complaint.Complaint) error { return c.Resolve(*in.Substantiated, in.Outcome) })
}
