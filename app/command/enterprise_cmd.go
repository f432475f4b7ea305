package command

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
)

// registerEnterprise registers an enterprise (regulators only).
func (h *Handlers) registerEnterprise(ctx context.Context, a access.Actor, in RegisterEnterprise) (Outcome, error) {
	u, err := parseUSCC("uscc", in.USCC)
	if err != nil {
		return Outcome{}, err
	}
	d := enterprise.Details{Name: in.Name, Region: in.Region, Contact: in.Contact, WebhookURL: in.WebhookURL, FoodOperator: in.FoodOperator}
	for i, r := range in.Roles {
		role, err := enterprise.ParseRole(r)
		if err != nil {
			return Outcome{}, domain.InvalidValue(fieldIndex("roles", i), err)
		}
		d.Roles = append(d.Roles, role)
	}
	if in.WebhookURL != "" {
		if err := checkWebhookURL(in.WebhookURL); err != nil {
			return Outcome{}, domain.InvalidValue("webhook_url", err)
		}
	}
	if in.WebhookSecret != "" && h.sealer != nil {
		if d.WebhookHMACSealed, err = h.sealer.Seal(u.String(), in.WebhookSecret); err != nil {
			return Outcome{}, fmt.Errorf("seal webhook secret of %s: %w", u, err)
		}
	}
	return decideOn(ctx, h, h.metadata(ctx, a, in.Common), enterprise.Stream(u), enterprise.Load, func(e *enterprise.Enterprise) error { return e.Register(u, d) })
}

// imposePenalty records an administrative penalty (regulators only).
func (h *Handlers) imposePenalty(ctx context.Context, a access.Actor, in ImposePenalty) (Outcome, error) {
	u, err := parseUSCC("enterprise_uscc", in.EnterpriseUSCC)
	if err != nil {
		return Outcome{}, err
	}
	return decideOn(ctx, h, h.metadata(ctx, a, in.Common), enterprise.Stream(u), enterprise.Load, func(e *enterprise.Enterprise) error {
		return e.ImposePenalty(in.Authority, in.AmountCNY, in.Reason)
	})
}

func loadEnterprise(ctx context.Context, u *unit, id ident.USCC) (*enterprise.Enterprise, error) {
	return load(ctx, u, enterprise.Stream(id), enterprise.Load)
}

// registered loads an enterprise that must exist, naming field if not.
func registered(ctx context.Context, u *unit, id ident.USCC, field string) (*enterprise.Enterprise, error) {
	e, err := loadEnterprise(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !e.Registered() {
		return nil, domain.NotFound(field, "enterprise_not_registered", "enterprise %s is not registered", id)
	}
	return e, nil
}
