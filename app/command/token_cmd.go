package command

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/token"
)

// GrantToken issues a bearer token. The caller draws the secret and passes
// its SHA-256 only: the secret never reaches the log.
type GrantToken struct {
	ID   string
	Role access.Role
	USCC string
	// Label names the token in lists; one line of at most MaxTokenLabel
	// characters.
	Label        string `json:"label" text:"100"`
	SecretSHA256 string
	// GrantedAt defaults to now; an import of an older token store keeps
	// the original time.
	GrantedAt time.Time
}

// MaxTokenLabel is the length of a token's label, in characters.
const MaxTokenLabel = 100

// RevokeToken revokes a bearer token by id.
type RevokeToken struct {
	ID string
	// RevokedAt defaults to now.
	RevokedAt time.Time
}

// tokenAdmin: tokens are granted and revoked by an admin, or by the ledger
// itself (the CLI, an import).
func tokenAdmin(a access.Actor) error {
	if a.Role != access.RoleAdmin && a.Role != access.RoleSystem {
		return domain.Forbidden("", "only_admin_may_grant_or", "only an admin may grant or revoke tokens")
	}
	return nil
}

// GrantToken records a token's grant.
func (h *Handlers) GrantToken(ctx context.Context, a access.Actor, in GrantToken) (Outcome, error) {
	if err := permitted(a, "GrantToken"); err != nil {
		return Outcome{}, err
	}
	if err := checkBounds(in); err != nil {
		return Outcome{}, err
	}
	if in.GrantedAt.IsZero() {
		in.GrantedAt = h.now()
	}
	return decideOn(ctx, h, h.metadata(ctx, a, Common{}), token.Stream(in.ID), token.Load, func(t *token.Token) error {
		return t.Grant(in.ID, in.Role, in.USCC, in.Label, in.SecretSHA256, in.GrantedAt)
	})
}

// RevokeToken records a token's revocation; revoking a revoked token
// appends nothing.
func (h *Handlers) RevokeToken(ctx context.Context, a access.Actor, in RevokeToken) (Outcome, error) {
	if err := permitted(a, "RevokeToken"); err != nil {
		return Outcome{}, err
	}
	if in.RevokedAt.IsZero() {
		in.RevokedAt = h.now()
	}
	return decideOn(ctx, h, h.metadata(ctx, a, Common{}), token.Stream(in.ID), token.Load, func(t *token.Token) error { return t.Revoke(in.RevokedAt) })
}
