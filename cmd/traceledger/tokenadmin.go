package main

import (
	"context"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/httpapi"
)

// tokenAdmin lets the HTTP admin routes manage the token store: the store
// speaks its own Token type, the API its TokenInfo, and neither adapter
// imports the other.
type tokenAdmin struct{ *authstore.Ledger }

// List converts the store's tokens for the API.
func (a tokenAdmin) List(ctx context.Context) ([]httpapi.TokenInfo, error) {
	list, err := a.Ledger.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]httpapi.TokenInfo, len(list))
	for i, t := range list {
		out[i] = httpapi.TokenInfo{ID: t.ID, Role: t.Role, USCC: t.USCC, CreatedAt: t.CreatedAt, Revoked: t.Revoked}
	}
	return out, nil
}
