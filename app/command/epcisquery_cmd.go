package command

import (
	"context"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcisquery"
)

// DefineEPCISQuery saves an EPCIS query under a name of the reader's own.
// Query is the query's parameters, URL-encoded, as the EPCIS port checked
// them.
type DefineEPCISQuery struct {
	Common
	Name  string `json:"name"`
	Query string `json:"query" text:"para"`
}

// DeleteEPCISQuery deletes one of the reader's named EPCIS queries.
type DeleteEPCISQuery struct {
	Common
	Name string `json:"-"`
}

// DefineEPCISQuery saves a named EPCIS query (any reader, for itself).
func (h *Handlers) DefineEPCISQuery(ctx context.Context, a access.Actor, in DefineEPCISQuery) (Outcome, error) {
	return h.execute("DefineEPCISQuery", a, in, func() (Outcome, error) {
		owner := epcisquery.OwnerOf(a)
		if err := epcisquery.CheckName(in.Name); err != nil {
			return Outcome{}, err
		}
		return decideOn(ctx, h, h.metadata(ctx, a, in.Common), epcisquery.Stream(owner, in.Name), epcisquery.Load,
			func(q *epcisquery.Query) error { return q.Define(owner, in.Name, in.Query) })
	})
}

// DeleteEPCISQuery deletes one of the reader's named EPCIS queries.
func (h *Handlers) DeleteEPCISQuery(ctx context.Context, a access.Actor, in DeleteEPCISQuery) (Outcome, error) {
	return h.execute("DeleteEPCISQuery", a, in, func() (Outcome, error) {
		owner := epcisquery.OwnerOf(a)
		if err := epcisquery.CheckName(in.Name); err != nil {
			return Outcome{}, domain.NotFound("name", "no_query_named", "no query is named %s", in.Name)
		}
		return decideOn(ctx, h, h.metadata(ctx, a, in.Common), epcisquery.Stream(owner, in.Name), epcisquery.Load,
			func(q *epcisquery.Query) error { return q.Delete(owner, in.Name) })
	})
}

// mayQueryEPCIS: those who read histories name their EPCIS queries.
func mayQueryEPCIS(a access.Actor) error {
	if !slices.Contains(access.Readers, a.Role) {
		return domain.Forbidden("", "role_may_not_query_epcis", "role %s may not query EPCIS events", a.Role)
	}
	return nil
}
