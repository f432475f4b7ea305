package command

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// actsFor allows a regulator, or the enterprise whose USCC is u; anyone else
// is refused naming field.
func actsFor(a access.Actor, u, field string) error {
	switch a.Role {
	case access.RoleRegulator:
		return nil
	case access.RoleEnterprise:
		if a.USCC == u {
			return nil
		}
		return domain.Forbidden(field, "an enterprise token acts only for its own USCC (%s), not %s", a.USCC, u)
	}
	return domain.Forbidden(field, "role %s may not record this", a.Role)
}

// actingAs parses the USCC of field and checks the actor may act for it: the
// regulator for anyone, an enterprise for itself.
func actingAs(a access.Actor, field, s string) (ident.USCC, error) {
	u, err := parseUSCC(field, s)
	if err != nil {
		return u, err
	}
	return u, actsFor(a, u.String(), field)
}

// regulatorOnly allows regulators only.
func regulatorOnly(a access.Actor) error {
	if a.Role != access.RoleRegulator {
		return domain.Forbidden("", "only a regulator may record this")
	}
	return nil
}

// mayWrite refuses roles that never record events, before anything is parsed.
func mayWrite(a access.Actor) error {
	if a.Role != access.RoleRegulator && a.Role != access.RoleEnterprise {
		return domain.Forbidden("", "role %s may not record events", a.Role)
	}
	return nil
}
