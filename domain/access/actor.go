// Package access says who acts: the roles of bearer tokens and the actor a
// command or query runs for. Which actor may see or record what is decided
// by the domain, never by a transport.
package access

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

// RoleSystem is the ledger acting on its own behalf, e.g. the recall
// notifier recording a webhook delivery. ParseRole refuses it, so no bearer
// token can carry it: only code inside the process builds such an actor,
// and the events it records say "system" rather than impersonating a
// regulator.
const RoleSystem Role = "system"

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
