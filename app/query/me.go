package query

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
)

// Identity is who a token is: its role and, for an enterprise, the USCC it
// acts for and its registered name. The web UI fills the fields an
// enterprise acts in (the holder of a certificate it amends) from it.
//
// May names what the token may do, stably (commands such as
// "recall.start", reads such as "ledger.read"): the rules the commands and
// queries apply, asked for this actor. Pages are the web UI's pages those
// allow, so the UI signs in with one call instead of probing routes.
type Identity struct {
	Role  string   `json:"role"`
	USCC  string   `json:"uscc,omitempty"`
	Name  string   `json:"name,omitempty"`
	May   []string `json:"may"`
	Pages []string `json:"pages"`
}

// Identities answers the caller's own identity.
type Identities struct {
	consistency
	names    Names
	commands func(access.Actor) []string
}

// NewIdentities names enterprises with names (nil: no name) once progress
// has reached the client's position.
func NewIdentities(names Names, progress Progress) *Identities {
	return &Identities{consistency: consistency{progress}, names: names}
}

// WithCommands adds what an actor may do among the commands (command.Capabilities,
// the command side's one table of rules) to the answer's "may".
func (q *Identities) WithCommands(capabilities func(access.Actor) []string) *Identities {
	q.commands = capabilities
	return q
}

// Me is rd's actor as it may know itself: every role learns its role; an
// enterprise its USCC and name too. Nothing is answered about anyone else.
func (q *Identities) Me(ctx context.Context, rd Read) (Identity, error) {
	if err := q.await(ctx, rd); err != nil {
		return Identity{}, err
	}
	may := capabilitiesOf(rd.Actor, q.commands)
	me := Identity{Role: string(rd.Actor.Role), May: may, Pages: pagesOf(may)}
	if rd.Actor.Role == access.RoleEnterprise {
		me.USCC = rd.Actor.USCC
		if q.names != nil {
			me.Name = q.names.Name(rd.Actor.USCC)
		}
	}
	return me, nil
}
