package query

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
)

// Identity is who a token is: its role and, for an enterprise, the USCC it
// acts for and its registered name. The web UI fills the fields an
// enterprise acts in (the holder of a certificate it amends) from it.
type Identity struct {
	Role string `json:"role"`
	USCC string `json:"uscc,omitempty"`
	Name string `json:"name,omitempty"`
}

// Identities answers the caller's own identity.
type Identities struct {
	consistency
	names Names
}

// NewIdentities names enterprises with names (nil: no name) once progress
// has reached the client's position.
func NewIdentities(names Names, progress Progress) *Identities {
	return &Identities{consistency: consistency{progress}, names: names}
}

// Me is rd's actor as it may know itself: every role learns its role; an
// enterprise its USCC and name too. Nothing is answered about anyone else.
func (q *Identities) Me(ctx context.Context, rd Read) (Identity, error) {
	if err := q.await(ctx, rd); err != nil {
		return Identity{}, err
	}
	me := Identity{Role: string(rd.Actor.Role)}
	if rd.Actor.Role == access.RoleEnterprise {
		me.USCC = rd.Actor.USCC
		if q.names != nil {
			me.Name = q.names.Name(rd.Actor.USCC)
		}
	}
	return me, nil
}
