package command

import "github.com/traceledger/traceledger/domain"

// actsFor allows a regulator, or the enterprise whose USCC is u; anyone else
// is refused naming field.
func actsFor(a Actor, u, field string) error {
	switch a.Role {
	case RoleRegulator:
		return nil
	case RoleEnterprise:
		if a.USCC == u {
			return nil
		}
		return domain.Forbidden(field, "an enterprise token acts only for its own USCC (%s), not %s", a.USCC, u)
	}
	return domain.Forbidden(field, "role %s may not record this", a.Role)
}

// regulatorOnly allows regulators only.
func regulatorOnly(a Actor) error {
	if a.Role != RoleRegulator {
		return domain.Forbidden("", "only a regulator may record this")
	}
	return nil
}

// mayWrite refuses roles that never record events, before anything is parsed.
func mayWrite(a Actor) error {
	if a.Role != RoleRegulator && a.Role != RoleEnterprise {
		return domain.Forbidden("", "role %s may not record events", a.Role)
	}
	return nil
}
