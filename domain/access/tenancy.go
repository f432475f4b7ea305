package access

import "github.com/traceledger/traceledger/domain"

// The tenancy rules of recording: who may record events, and for whom. They
// are the domain's, so every way in (HTTP, the demo, the notifier, a future
// EPCIS capture) refuses the same actors with the same errors.

// MayRecord refuses roles that never record events: only regulators and
// enterprises do (the system records deliveries, see MayRecordDeliveries).
func (a Actor) MayRecord() error {
	if a.Role != RoleRegulator && a.Role != RoleEnterprise {
		return domain.Forbidden("", "role_may_not_record_events", "role %s may not record events", a.Role)
	}
	return nil
}

// ActsFor allows a regulator, or the enterprise whose USCC is uscc; anyone
// else is refused naming field.
func (a Actor) ActsFor(uscc, field string) error {
	switch a.Role {
	case RoleRegulator:
		return nil
	case RoleEnterprise:
		if a.USCC == uscc {
			return nil
		}
		return domain.Forbidden(field, "enterprise_token_acts_only_for", "an enterprise token acts only for its own USCC (%s), not %s", a.USCC, uscc)
	}
	return domain.Forbidden(field, "role_may_not_record_this", "role %s may not record this", a.Role)
}

// MustBeRegulator allows regulators only.
func (a Actor) MustBeRegulator() error {
	if a.Role != RoleRegulator {
		return domain.Forbidden("", "only_regulator_may_record_this", "only a regulator may record this")
	}
	return nil
}

// MayRecordDeliveries allows the ledger itself (the recall notifier) and
// regulators to record that a recall notice reached a holder.
func (a Actor) MayRecordDeliveries() error {
	if a.Role != RoleSystem && a.Role != RoleRegulator {
		return domain.Forbidden("", "role_may_not_record_notifications", "role %s may not record notifications", a.Role)
	}
	return nil
}

// IsEnterprise reports whether the actor is an enterprise, bound to its USCC.
func (a Actor) IsEnterprise() bool { return a.Role == RoleEnterprise }
