package query

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// TokenRow is one bearer token as lists show it: never its secret.
// LastUsedAt is the minute it last let a request in (nil: not since usage
// has been kept), kept by the token store to that granularity.
type TokenRow struct {
	ID         string      `json:"id"`
	Role       access.Role `json:"role"`
	USCC       string      `json:"uscc,omitempty"`
	Label      string      `json:"label,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	Revoked    bool        `json:"revoked"`
	RevokedAt  *time.Time  `json:"revoked_at,omitempty"`
	LastUsedAt *time.Time  `json:"last_used_at"`
}

// TokenBook lists every token, revoked ones included, oldest first.
type TokenBook interface {
	Tokens(ctx context.Context) ([]TokenRow, error)
}

// Tokens answers an enterprise the activity of its own tokens.
type Tokens struct{ book TokenBook }

// NewTokens reads the tokens of book.
func NewTokens(book TokenBook) *Tokens { return &Tokens{book: book} }

// Own is the tokens bound to the enterprise rd acts for, oldest first
// (MayReadOwnTokens): another enterprise's tokens, and the other roles',
// are never in it.
func (q *Tokens) Own(ctx context.Context, rd Read) ([]TokenRow, error) {
	if err := MayReadOwnTokens(rd.Actor); err != nil {
		return nil, err
	}
	all, err := q.book.Tokens(ctx)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	out := []TokenRow{}
	for _, t := range all {
		if t.Role == access.RoleEnterprise && t.USCC == rd.Actor.USCC {
			out = append(out, t)
		}
	}
	return out, nil
}
