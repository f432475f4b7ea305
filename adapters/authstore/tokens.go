package authstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Token describes an issued token; its secret is not kept.
type Token struct {
	ID        string
	Role      access.Role
	USCC      string
	CreatedAt time.Time
	Revoked   bool
	RevokedAt time.Time
	// Label names the token (the log's grants only; the file keeps none).
	Label string
	// LastUsedAt is the minute the token last let a request in (Usage);
	// zero when unknown.
	LastUsedAt time.Time
}

// Create issues a token for role (and, for an enterprise, the USCC it acts
// for) and returns its secret, which is shown once: only its digest is kept.
// A bad role or USCC is a *domain.FieldError naming "role" or "uscc".
func (s *Store) Create(ctx context.Context, role access.Role, uscc string) (string, error) {
	role, uscc, err := checkActor(role, uscc)
	if err != nil {
		return "", err
	}
	token, err := newToken()
	if err != nil {
		return "", err
	}
	d := digest(token)
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO tokens (id, token_sha256, role, uscc, created_at) VALUES (?, ?, ?, ?, ?)`,
		d[:16], d, string(role), uscc, s.now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return "", fmt.Errorf("create %s token: %w", role, err)
	}
	return token, nil
}

// Authenticate returns the actor a token stands for, or ErrUnknownToken.
// Successful checks are cached for the store's CacheTTL.
func (s *Store) Authenticate(ctx context.Context, token string) (access.Actor, error) {
	if !wellFormed(token) {
		return access.Actor{}, ErrUnknownToken
	}
	d := digest(token)
	if a, ok := s.cache.get(d); ok {
		return a, nil
	}
	var role, uscc string
	var revoked bool
	err := s.db.QueryRowContext(ctx,
		`SELECT role, uscc, revoked FROM tokens WHERE token_sha256 = ?`, d).Scan(&role, &uscc, &revoked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return access.Actor{}, ErrUnknownToken
	case err != nil:
		return access.Actor{}, fmt.Errorf("authenticate token %s: %w", d[:16], err)
	case revoked:
		return access.Actor{}, ErrUnknownToken
	}
	r, err := access.ParseRole(role)
	if err != nil {
		return access.Actor{}, fmt.Errorf("token %s: stored role: %w", d[:16], err)
	}
	a := access.Actor{Role: r, USCC: uscc}
	s.cache.put(d, a)
	return a, nil
}

// List returns every token issued, revoked ones included, oldest first.
func (s *Store) List(ctx context.Context) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, role, uscc, created_at, revoked, COALESCE(revoked_at, '') FROM tokens ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var role, created, revokedAt string
		if err := rows.Scan(&t.ID, &role, &t.USCC, &created, &t.Revoked, &revokedAt); err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		t.Role = access.Role(role)
		if t.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
			return nil, fmt.Errorf("list tokens: token %s: created_at: %w", t.ID, err)
		}
		if revokedAt != "" {
			if t.RevokedAt, err = time.Parse(time.RFC3339Nano, revokedAt); err != nil {
				return nil, fmt.Errorf("list tokens: token %s: revoked_at: %w", t.ID, err)
			}
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return out, nil
}

// Revoke revokes the token with the given id. Revoking a revoked token is
// not an error; an unknown id is a *domain.RuleError of kind ErrNotFound.
func (s *Store) Revoke(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE tokens SET revoked = 1, revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`,
		s.now().UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	if n == 0 {
		return domain.NotFound("id", "no_token_with_id", "no token with id %q", id)
	}
	s.cache.dropID(id)
	return nil
}
