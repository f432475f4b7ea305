package command

import (
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// actingAs parses the USCC of field and asks the domain whether the actor
// may act for it (access.Actor.ActsFor).
func actingAs(a access.Actor, field, s string) (ident.USCC, error) {
	u, err := parseUSCC(field, s)
	if err != nil {
		return u, err
	}
	return u, a.ActsFor(u.String(), field)
}
