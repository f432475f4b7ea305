package authstore

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Offline is the token port of `traceledger token` while a server holds the
// embedded ledger, which then only that server may write: it reads the log
// and writes the file (tokens.db), whose grants and revocations the server's
// Ledger honours at once and moves into the log.
type Offline struct {
	log  *Ledger // reads only
	file *Store
}

// NewOffline builds the port on a log opened read-only and the file.
func NewOffline(log Log, file *Store) *Offline {
	return &Offline{log: NewLedger(log, nil, nil), file: file}
}

// Create issues a token in the file.
func (o *Offline) Create(ctx context.Context, role access.Role, uscc string) (string, error) {
	return o.file.Create(ctx, role, uscc)
}

// List returns the log's tokens and the file's tokens not yet in the log.
func (o *Offline) List(ctx context.Context) ([]Token, error) {
	list, err := o.log.List(ctx)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(list))
	for _, t := range list {
		seen[t.ID] = true
	}
	more, err := o.file.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range more {
		if !seen[t.ID] {
			list = append(list, t)
		}
	}
	return list, nil
}

// Revoke revokes the token with id in the file; a token only the log holds
// is copied into the file, revoked, so the server refuses it.
func (o *Offline) Revoke(ctx context.Context, id string) error {
	if _, _, found, err := o.file.entry(ctx, id); err != nil || found {
		if err != nil {
			return err
		}
		return o.file.Revoke(ctx, id)
	}
	t, err := o.log.load(ctx, id)
	if err != nil {
		return err
	}
	if !t.Granted() {
		return domain.NotFound("id", "no_token_with_id", "no token with id %q", id)
	}
	g := t.Details()
	now := o.file.now().UTC().Format(time.RFC3339Nano)
	_, err = o.file.db.ExecContext(ctx,
		`INSERT INTO tokens (id, token_sha256, role, uscc, created_at, revoked, revoked_at) VALUES (?, ?, ?, ?, ?, 1, ?)`,
		g.ID, g.SecretSHA256, g.Role, g.USCC, g.GrantedAt.UTC().Format(time.RFC3339Nano), now)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	return nil
}
