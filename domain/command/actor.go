// Package command holds one handler per command of the ledger: load the
// aggregates involved, let them decide, append what they raised with the
// expected versions. The HTTP API and the demo both call these handlers, so
// every event enters the log along the same path.
package command

import (
	"fmt"
)

// Role is what a bearer token may do.
type Role string

// The roles of the contract.
const (
	RoleRegulator  Role = "regulator"
	RoleAnalyst    Role = "analyst"
	RoleEnterprise Role = "enterprise"
	RoleAdmin      Role = "admin"
)

// ParseRole accepts one of the four roles.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleRegulator, RoleAnalyst, RoleEnterprise, RoleAdmin:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (want regulator, analyst, enterprise or admin)", s)
}

// Actor is who issues a command. An enterprise actor is bound to one USCC
// (18 characters, already validated by whoever built the actor).
type Actor struct {
	Role Role
	USCC string
}

func (a Actor) String() string {
	if a.USCC != "" {
		return string(a.Role) + ":" + a.USCC
	}
	return string(a.Role)
}
