package authstore_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// usccA is a valid USCC (GB 32100-2015 check character included).
const usccA = "91350100M000100Y43"

func open(t *testing.T, path string, opts authstore.Options) *authstore.Store {
	t.Helper()
	s, err := authstore.Open(t.Context(), path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestCreateAuthenticate(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "tokens.db"), authstore.Options{})
	tests := []struct {
		name string
		role access.Role
		uscc string
		want access.Actor
	}{
		{"regulator", access.RoleRegulator, "", access.Actor{Role: access.RoleRegulator}},
		{"analyst", access.RoleAnalyst, "", access.Actor{Role: access.RoleAnalyst}},
		{"admin", access.RoleAdmin, "", access.Actor{Role: access.RoleAdmin}},
		{"enterprise, lower case USCC", access.RoleEnterprise, strings.ToLower(usccA), access.Actor{Role: access.RoleEnterprise, USCC: usccA}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := s.Create(t.Context(), tt.role, tt.uscc)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if !strings.HasPrefix(tok, "tl_") || len(tok) != 46 {
				t.Errorf("token %q: want tl_ and 43 base64url characters", tok)
			}
			for range 2 { // the second answer comes from the cache
				got, err := s.Authenticate(t.Context(), tok)
				if err != nil {
					t.Fatalf("Authenticate: %v", err)
				}
				if got != tt.want {
					t.Errorf("Authenticate = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestCreateRefusesBadActors(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "tokens.db"), authstore.Options{})
	tests := []struct {
		name      string
		role      access.Role
		uscc      string
		wantField string
	}{
		{"unknown role", "root", "", "role"},
		{"enterprise without USCC", access.RoleEnterprise, "", "uscc"},
		{"enterprise with bad check character", access.RoleEnterprise, "91350100M000100Y44", "uscc"},
		{"regulator with USCC", access.RoleRegulator, usccA, "uscc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Create(t.Context(), tt.role, tt.uscc)
			var fe *domain.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.wantField {
				t.Fatalf("Create error = %v, want a FieldError on %q", err, tt.wantField)
			}
		})
	}
}

func TestUnknownTokens(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "tokens.db"), authstore.Options{})
	for _, tok := range []string{"", "nope", "tl_" + strings.Repeat("A", 43), "xx_" + strings.Repeat("A", 43)} {
		if _, err := s.Authenticate(t.Context(), tok); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("Authenticate(%q) = %v, want ErrNotFound", tok, err)
		}
	}
}

func TestRevoke(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "tokens.db"), authstore.Options{})
	tok, err := s.Create(t.Context(), access.RoleRegulator, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(t.Context(), tok); err != nil {
		t.Fatal(err)
	}
	if err := s.Revoke(t.Context(), authstore.ID(tok)); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	if _, err := s.Authenticate(t.Context(), tok); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Authenticate after Revoke = %v, want ErrNotFound (the cache must forget it)", err)
	}
	if err := s.Revoke(t.Context(), authstore.ID(tok)); err != nil {
		t.Errorf("second Revoke = %v, want nil", err)
	}
	if err := s.Revoke(t.Context(), "0000000000000000"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Revoke(unknown) = %v, want ErrNotFound", err)
	}
}

// A token created by another process (the CLI while serve runs) is accepted
// at once, and a revocation there reaches a store without cache at once.
func TestSharedBetweenProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.db")
	cli := open(t, path, authstore.Options{})
	server := open(t, path, authstore.Options{CacheTTL: -1})
	tok, err := cli.Create(t.Context(), access.RoleEnterprise, usccA)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := server.Authenticate(t.Context(), tok); err != nil {
		t.Fatalf("server Authenticate of a CLI token: %v", err)
	}
	if err := cli.Revoke(t.Context(), authstore.ID(tok)); err != nil {
		t.Fatal(err)
	}
	if _, err := server.Authenticate(t.Context(), tok); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("server Authenticate after CLI Revoke = %v, want ErrNotFound", err)
	}
}

func TestListKeepsNoSecret(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokens.db")
	s := open(t, path, authstore.Options{})
	reg, err := s.Create(t.Context(), access.RoleRegulator, "")
	if err != nil {
		t.Fatal(err)
	}
	ent, err := s.Create(t.Context(), access.RoleEnterprise, usccA)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Revoke(t.Context(), authstore.ID(reg)); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(t.Context())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != 2 {
		t.Fatalf("List returned %d tokens, want 2", len(list))
	}
	byID := map[string]authstore.Token{list[0].ID: list[0], list[1].ID: list[1]}
	if got := byID[authstore.ID(reg)]; !got.Revoked || got.RevokedAt.IsZero() || got.Role != access.RoleRegulator {
		t.Errorf("regulator token = %+v, want revoked", got)
	}
	if got := byID[authstore.ID(ent)]; got.Revoked || got.USCC != usccA || got.CreatedAt.IsZero() {
		t.Errorf("enterprise token = %+v, want active and bound to %s", got, usccA)
	}
	s.Close()
	for _, name := range []string{"tokens.db", "tokens.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		for _, tok := range []string{reg, ent} {
			if strings.Contains(string(b), tok[3:]) {
				t.Errorf("%s holds a token secret", name)
			}
		}
	}
}
