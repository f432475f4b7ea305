package authstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/token"
)

// Log is what Ledger reads of the event store: a token's stream to
// authenticate it, the head to know its cache is current, the log to list
// the tokens.
type Log interface {
	Head(ctx context.Context) (uint64, error)
	ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]event.Record, error)
	ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error)
}

// Commands grant and revoke tokens (app/command's Handlers).
type Commands interface {
	GrantToken(ctx context.Context, a access.Actor, in command.GrantToken) (command.Outcome, error)
	RevokeToken(ctx context.Context, a access.Actor, in command.RevokeToken) (command.Outcome, error)
}

// Ledger keeps the bearer tokens in the event log, as token aggregates:
// every process on one store (every replica on a KurrentDB) sees a grant or
// a revocation at once, because Authenticate reads the token's stream from
// the store each time. A token carries its id (the first 16 hex digits of
// its SHA-256), so that read is one short stream.
//
// File, when set, is the tokens.db of an embedded ledger: `traceledger token`
// writes there while a server holds the ledger, and Ledger moves those
// grants and revocations into the log when it meets them (Import at start,
// Authenticate and Revoke later).
type Ledger struct {
	log   Log
	cmds  Commands
	file  *Store
	actor access.Actor

	mu     sync.Mutex // guards the list fold
	after  uint64
	tokens map[string]*Token

	seen seenTokens

	usage *Usage // nil: last uses are not kept
}

// seenTokens remembers the tokens authenticated at a head of the log: while
// the head has not moved, no grant or revocation has been recorded since, so
// the answer still holds. The log holds nothing but tokens, so it moves
// rarely; one Head call (free on an embedded store, one round trip on
// KurrentDB) replaces reading the token's stream.
type seenTokens struct {
	mu sync.Mutex
	m  map[string]seenToken
}

type seenToken struct {
	actor access.Actor
	head  uint64
}

func (s *seenTokens) get(digest string, head uint64) (access.Actor, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[digest]
	return e.actor, ok && e.head == head
}

func (s *seenTokens) put(digest string, a access.Actor, head uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil || len(s.m) >= maxCached {
		s.m = make(map[string]seenToken)
	}
	s.m[digest] = seenToken{actor: a, head: head}
}

// NewLedger builds the token port on a log; file may be nil.
func NewLedger(log Log, cmds Commands, file *Store) *Ledger {
	return &Ledger{log: log, cmds: cmds, file: file, actor: access.Actor{Role: access.RoleSystem}, tokens: make(map[string]*Token)}
}

// WithUsage keeps each token's last use in u: Authenticate records it,
// List answers it.
func (l *Ledger) WithUsage(u *Usage) *Ledger {
	l.usage = u
	return l
}

// commandRetries is how often a token command is decided again after
// another process moved the token's stream.
const commandRetries = 3

func retried(run func() error) error {
	var err error
	for range commandRetries {
		if err = run(); !errors.Is(err, event.ErrConcurrency) {
			break
		}
	}
	return err
}

// Create grants a token for role (and, for an enterprise, the USCC it acts
// for) and returns its secret, shown once: the log keeps its SHA-256. A bad
// role or USCC is a *domain.FieldError naming "role" or "uscc".
func (l *Ledger) Create(ctx context.Context, role access.Role, uscc string) (string, error) {
	return l.CreateLabelled(ctx, role, uscc, "")
}

// CreateLabelled is Create with a label that names the token in lists (at
// most command.MaxTokenLabel characters, one line: else a field error on
// "label").
func (l *Ledger) CreateLabelled(ctx context.Context, role access.Role, uscc, label string) (string, error) {
	secret, err := newToken()
	if err != nil {
		return "", err
	}
	d := digest(secret)
	err = retried(func() error {
		_, err := l.cmds.GrantToken(ctx, l.actor, command.GrantToken{ID: d[:16], Role: role, USCC: uscc, Label: label, SecretSHA256: d})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create %s token: %w", role, err)
	}
	return secret, nil
}

// Authenticate returns the actor a token stands for, or ErrUnknownToken.
func (l *Ledger) Authenticate(ctx context.Context, secret string) (access.Actor, error) {
	if !wellFormed(secret) {
		return access.Actor{}, ErrUnknownToken
	}
	d := digest(secret)
	head, err := l.log.Head(ctx)
	if err != nil {
		return access.Actor{}, fmt.Errorf("authenticate: %w", err)
	}
	if a, ok := l.seen.get(d, head); ok && !l.fileRevoked(ctx, d[:16]) {
		l.used(d[:16])
		return a, nil
	}
	t, err := l.load(ctx, d[:16])
	if err != nil {
		return access.Actor{}, err
	}
	if !t.Granted() && l.file != nil {
		if t, err = l.importFromFile(ctx, d[:16]); err != nil {
			return access.Actor{}, err
		}
	} else if t.Granted() && !t.Revoked() && l.file != nil {
		if t, err = l.revokedInFile(ctx, t); err != nil {
			return access.Actor{}, err
		}
	}
	a, ok := t.Actor(d)
	if !ok {
		return access.Actor{}, ErrUnknownToken
	}
	l.seen.put(d, a, head)
	l.used(d[:16])
	return a, nil
}

func (l *Ledger) used(id string) {
	if l.usage != nil {
		l.usage.Used(id)
	}
}

// fileRevoked reports whether the file says the token with id is revoked
// (then the full check carries the revocation into the log); a file that
// cannot be read counts as revoked, so the full check reports the error.
func (l *Ledger) fileRevoked(ctx context.Context, id string) bool {
	if l.file == nil {
		return false
	}
	t, _, found, err := l.file.entry(ctx, id)
	return err != nil || found && t.Revoked
}

func (l *Ledger) load(ctx context.Context, id string) (*token.Token, error) {
	recs, err := l.log.ReadStream(ctx, token.Stream(id), 0)
	if err != nil {
		return nil, fmt.Errorf("read token %s: %w", id, err)
	}
	t, err := token.Load(recs)
	if err != nil {
		return nil, fmt.Errorf("load token %s: %w", id, err)
	}
	return t, nil
}

// Revoke revokes the token with id. Revoking a revoked token is not an
// error; an unknown id wraps domain.ErrNotFound.
func (l *Ledger) Revoke(ctx context.Context, id string) error {
	if l.file != nil {
		if _, err := l.importFromFile(ctx, id); err != nil {
			return err
		}
	}
	err := retried(func() error {
		_, err := l.cmds.RevokeToken(ctx, l.actor, command.RevokeToken{ID: id})
		return err
	})
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	return nil
}

// List returns every token granted, revoked ones included, oldest first:
// the token events of the log, folded from where the last List stopped.
func (l *Ledger) List(ctx context.Context) ([]Token, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	const page = 1000
	for {
		recs, err := l.log.ReadAll(ctx, l.after, page)
		if err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		for _, r := range recs {
			if err := l.fold(r); err != nil {
				return nil, fmt.Errorf("list tokens: %w", err)
			}
			l.after = r.Position
		}
		if len(recs) < page {
			break
		}
	}
	out := make([]Token, 0, len(l.tokens))
	for _, t := range l.tokens {
		tok := *t
		if l.usage != nil {
			tok.LastUsedAt, _ = l.usage.LastUsed(tok.ID)
		}
		out = append(out, tok)
	}
	slices.SortFunc(out, func(a, b Token) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (l *Ledger) fold(r event.Record) error {
	if r.Type != token.TypeGranted && r.Type != token.TypeRevoked {
		return nil
	}
	e, err := token.Decoders.Decode("token", r)
	if err != nil {
		return err
	}
	switch e := e.(type) {
	case token.Granted:
		l.tokens[e.ID] = &Token{ID: e.ID, Role: access.Role(e.Role), USCC: e.USCC, Label: e.Label, CreatedAt: e.GrantedAt}
	case token.Revoked:
		if t := l.tokens[e.ID]; t != nil {
			t.Revoked, t.RevokedAt = true, e.RevokedAt
		}
	}
	return nil
}

// Import moves every token of the file into the log, once: tokens already
// in the log are left as they are, except that a revocation in the file is
// carried over.
func (l *Ledger) Import(ctx context.Context) error {
	if l.file == nil {
		return nil
	}
	list, err := l.file.List(ctx)
	if err != nil {
		return fmt.Errorf("import tokens: %w", err)
	}
	for _, t := range list {
		if _, err := l.importFromFile(ctx, t.ID); err != nil {
			return fmt.Errorf("import tokens: %w", err)
		}
	}
	return nil
}

// importFromFile grants in the log the token the file holds under id (and
// revokes it if the file says so), unless the log has it already; it
// returns the token as the log then holds it.
func (l *Ledger) importFromFile(ctx context.Context, id string) (*token.Token, error) {
	t, err := l.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.Granted() {
		return l.revokedInFile(ctx, t)
	}
	ft, hash, found, err := l.file.entry(ctx, id)
	if err != nil || !found {
		return t, err
	}
	_, err = l.cmds.GrantToken(ctx, l.actor, command.GrantToken{ID: id, Role: ft.Role, USCC: ft.USCC, SecretSHA256: hash, GrantedAt: ft.CreatedAt})
	if err != nil && !errors.Is(err, domain.ErrConflict) && !errors.Is(err, event.ErrConcurrency) {
		return nil, fmt.Errorf("import token %s: %w", id, err)
	}
	if t, err = l.load(ctx, id); err != nil {
		return nil, err
	}
	return l.revokedInFile(ctx, t)
}

// revokedInFile carries a revocation made in the file over to the log.
func (l *Ledger) revokedInFile(ctx context.Context, t *token.Token) (*token.Token, error) {
	if t.Revoked() {
		return t, nil
	}
	id := t.Details().ID
	ft, _, found, err := l.file.entry(ctx, id)
	if err != nil || !found || !ft.Revoked {
		return t, err
	}
	err = retried(func() error {
		_, err := l.cmds.RevokeToken(ctx, l.actor, command.RevokeToken{ID: id, RevokedAt: ft.RevokedAt})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import revocation of token %s: %w", id, err)
	}
	return l.load(ctx, id)
}

// entry returns the file's token with id and its secret's SHA-256.
func (s *Store) entry(ctx context.Context, id string) (t Token, hash string, found bool, err error) {
	var role, created, revokedAt string
	err = s.db.QueryRowContext(ctx,
		`SELECT role, uscc, token_sha256, created_at, revoked, COALESCE(revoked_at, '') FROM tokens WHERE id = ?`, id).
		Scan(&role, &t.USCC, &hash, &created, &t.Revoked, &revokedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Token{}, "", false, nil
	}
	if err != nil {
		return Token{}, "", false, fmt.Errorf("read token %s from %s: %w", id, "tokens.db", err)
	}
	t.ID, t.Role = id, access.Role(role)
	if t.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return Token{}, "", false, fmt.Errorf("token %s: created_at: %w", id, err)
	}
	if revokedAt != "" {
		if t.RevokedAt, err = time.Parse(time.RFC3339Nano, revokedAt); err != nil {
			return Token{}, "", false, fmt.Errorf("token %s: revoked_at: %w", id, err)
		}
	}
	return t, hash, true, nil
}
