package main

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
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
		out[i] = httpapi.TokenInfo{ID: t.ID, Role: t.Role, USCC: t.USCC, Label: t.Label, CreatedAt: t.CreatedAt, Revoked: t.Revoked,
			RevokedAt: timeOrNil(t.RevokedAt), LastUsedAt: timeOrNil(t.LastUsedAt)}
	}
	return out, nil
}

// Create issues a labelled token.
func (a tokenAdmin) Create(ctx context.Context, role access.Role, uscc, label string) (string, error) {
	return a.Ledger.CreateLabelled(ctx, role, uscc, label)
}

// Tokens lists the tokens for app/query (an enterprise's own).
func (a tokenAdmin) Tokens(ctx context.Context) ([]query.TokenRow, error) { return a.List(ctx) }

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
