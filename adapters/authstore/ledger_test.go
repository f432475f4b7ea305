package authstore_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/token"
)

// Two Ledgers with their own command handlers on one store stand for two
// replicas: each sees the other's grants and revocations at once.
func TestTokensAreSharedByEveryProcessOnTheStore(t *testing.T) {
	store := sqlitetest.Open(t)
	one := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), nil)
	two := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), nil)

	tok, err := one.Create(t.Context(), access.RoleEnterprise, "91350100M000100Y43")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := two.Authenticate(t.Context(), tok); err != nil || a.Role != access.RoleEnterprise || a.USCC != "91350100M000100Y43" {
		t.Fatalf("the other replica authenticates %v, %v; want the enterprise", a, err)
	}
	// One remembers the token it authenticated; two revokes it.
	if _, err := one.Authenticate(t.Context(), tok); err != nil {
		t.Fatal(err)
	}
	if err := two.Revoke(t.Context(), authstore.ID(tok)); err != nil {
		t.Fatal(err)
	}
	if _, err := one.Authenticate(t.Context(), tok); !errors.Is(err, authstore.ErrUnknownToken) {
		t.Errorf("after a revocation through the other replica: %v, want ErrUnknownToken", err)
	}
	// Revoked again through one, whose handlers cached the grant: the stale
	// aggregate meets the store's version and is decided again.
	if err := one.Revoke(t.Context(), authstore.ID(tok)); err != nil {
		t.Errorf("second revoke: %v", err)
	}
	list, err := one.List(t.Context())
	if err != nil || len(list) != 1 || !list[0].Revoked || list[0].ID != authstore.ID(tok) {
		t.Errorf("List = %+v, %v; want the one revoked token", list, err)
	}
	// The log tells who had access when, and never holds the secret.
	recs, _ := store.ReadStream(t.Context(), token.Stream(authstore.ID(tok)), 0)
	if len(recs) != 2 || recs[0].Type != token.TypeGranted || recs[1].Type != token.TypeRevoked {
		t.Fatalf("token stream = %v", recs)
	}
	for _, r := range recs {
		if strings.Contains(string(r.Data), tok) {
			t.Errorf("the log holds the secret: %s", r.Data)
		}
	}
}

func TestLedgerRefusesWhatWasNeverGranted(t *testing.T) {
	store := sqlitetest.Open(t)
	l := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), nil)
	for _, tok := range []string{"", "nope", "tl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		if _, err := l.Authenticate(t.Context(), tok); !errors.Is(err, authstore.ErrUnknownToken) {
			t.Errorf("Authenticate(%q) = %v", tok, err)
		}
	}
	if err := l.Revoke(t.Context(), "0123456789abcdef"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Revoke(unknown) = %v, want not found", err)
	}
	var fe *domain.FieldError
	if _, err := l.Create(t.Context(), access.RoleRegulator, "91350100M000100Y43"); !errors.As(err, &fe) || fe.Field != "uscc" {
		t.Errorf("Create(regulator with USCC) = %v, want a field error on uscc", err)
	}
}

// Tokens the CLI wrote to tokens.db (before this release, or while a server
// held the ledger) move into the log: at Import, or when first met.
func TestTokensOfTheFileMoveIntoTheLog(t *testing.T) {
	store := sqlitetest.Open(t)
	file, err := authstore.Open(t.Context(), filepath.Join(t.TempDir(), "tokens.db"), authstore.Options{CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	old, _ := file.Create(t.Context(), access.RoleRegulator, "")
	gone, _ := file.Create(t.Context(), access.RoleAnalyst, "")
	if err := file.Revoke(t.Context(), authstore.ID(gone)); err != nil {
		t.Fatal(err)
	}
	l := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), file)
	if err := l.Import(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := l.Import(t.Context()); err != nil {
		t.Fatalf("second Import: %v", err)
	}
	other := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), nil)
	if a, err := other.Authenticate(t.Context(), old); err != nil || a.Role != access.RoleRegulator {
		t.Errorf("imported token = %v, %v", a, err)
	}
	if _, err := other.Authenticate(t.Context(), gone); !errors.Is(err, authstore.ErrUnknownToken) {
		t.Errorf("imported revoked token = %v, want ErrUnknownToken", err)
	}
	// Created in the file while the server runs: honoured at once.
	late, _ := file.Create(t.Context(), access.RoleAdmin, "")
	if a, err := l.Authenticate(t.Context(), late); err != nil || a.Role != access.RoleAdmin {
		t.Errorf("token created in the file later = %v, %v", a, err)
	}
	if a, err := other.Authenticate(t.Context(), late); err != nil || a.Role != access.RoleAdmin {
		t.Errorf("the other replica, once moved into the log = %v, %v", a, err)
	}
	// Revoked in the file while the server runs: refused at once.
	if err := file.Revoke(t.Context(), authstore.ID(late)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Authenticate(t.Context(), late); !errors.Is(err, authstore.ErrUnknownToken) {
		t.Errorf("revoked in the file = %v, want ErrUnknownToken", err)
	}
	if _, err := other.Authenticate(t.Context(), late); !errors.Is(err, authstore.ErrUnknownToken) {
		t.Errorf("the other replica after the revocation moved = %v, want ErrUnknownToken", err)
	}
	if list, _ := l.List(t.Context()); len(list) != 3 {
		t.Errorf("List has %d tokens, want 3", len(list))
	}
}
