// Package epcisquery is the named EPCIS query aggregate: a query of the
// EPCIS query interface saved under a name by whoever reads through it
// (an enterprise, or the regulators' or analysts' role), so a partner's
// system asks "its" query by name, across restarts. The query itself is
// opaque text here (the EPCIS port's URL-encoded parameters, checked by
// the port): the domain guards only that one owner's name means one
// query at a time, and that only a defined query is deleted.
package epcisquery

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Event type names, written by hand and versioned.
const (
	TypeDefined = "epcis.query_defined.v1"
	TypeDeleted = "epcis.query_deleted.v1"
)

// Defined: owner saved query under name.
type Defined struct {
	Owner string `json:"owner"`
	Name  string `json:"name"`
	Query string `json:"query"`
}

// Deleted: owner deleted its query name.
type Deleted struct {
	Owner string `json:"owner"`
	Name  string `json:"name"`
}

// EventType names the event.
func (Defined) EventType() string { return TypeDefined }

// EventType names the event.
func (Deleted) EventType() string { return TypeDeleted }

// Decoders decode the stored events of this aggregate.
var Decoders = aggregate.Decoders{
	TypeDefined: aggregate.As[Defined](),
	TypeDeleted: aggregate.As[Deleted](),
}

// MaxName is the longest query name.
const MaxName = 64

// Stream is the stream of owner's query name: names are the owner's own,
// so one reader's names neither clash with nor reveal another's.
func Stream(owner, name string) string { return "epcisquery-" + owner + "-" + name }

// CheckName refuses a name that is empty, longer than MaxName or holds
// other than ASCII letters, digits, "_", "-" and ".": it is a path segment.
func CheckName(name string) error {
	if name == "" || len(name) > MaxName {
		return domain.Invalid("name", "must_1_characters", "must be 1 to %d characters", MaxName)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return domain.Invalid("name", "may_hold_only_letters_digits", "may hold only letters, digits, _, - and .")
		}
	}
	return nil
}

// Query is one owner's query name and what it holds now.
type Query struct {
	aggregate.Root
	defined bool
}

// Load rebuilds a query from its stream.
func Load(recs []event.Record) (*Query, error) {
	q := &Query{}
	return q, aggregate.Replay("epcisquery", recs, Decoders, &q.Root, q.apply)
}

// Define saves query under name; a name in use is a conflict (delete it
// first), so a client never replaces another process's query unawares.
func (q *Query) Define(owner, name, query string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if q.defined {
		return domain.Conflict("query_named_exists", "a query named %s exists", name)
	}
	if query == "" {
		return domain.Invalid("query", "required", "is required")
	}
	q.Raise(Defined{Owner: owner, Name: name, Query: query}, q.apply)
	return nil
}

// Delete deletes a defined query.
func (q *Query) Delete(owner, name string) error {
	if !q.defined {
		return domain.NotFound("name", "no_query_named", "no query is named %s", name)
	}
	q.Raise(Deleted{Owner: owner, Name: name}, q.apply)
	return nil
}

func (q *Query) apply(e event.Event) {
	switch e.(type) {
	case Defined:
		q.defined = true
	case Deleted:
		q.defined = false
	}
}

// OwnerOf is whose names a reader's queries are: an enterprise's own
// (its USCC), or those its role shares (regulator, analyst).
func OwnerOf(a access.Actor) string {
	if own, only := a.OwnOnly(); only {
		return own
	}
	return string(a.Role)
}
