package token_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/token"
)

var (
	at   = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	hash = strings.Repeat("ab", 32)
)

func TestGrantChecksRoleAndUSCC(t *testing.T) {
	tests := []struct {
		name  string
		role  access.Role
		uscc  string
		field string
	}{
		{"unknown role", "god", "", "role"},
		{"regulator bound to a USCC", access.RoleRegulator, "91350100M000100Y43", "uscc"},
		{"enterprise without USCC", access.RoleEnterprise, "", "uscc"},
		{"enterprise with a bad USCC", access.RoleEnterprise, "nope", "uscc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tok token.Token
			err := tok.Grant("0123456789abcdef", tt.role, tt.uscc, "", hash, at)
			var fe *domain.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("Grant = %v, want a field error on %s", err, tt.field)
			}
			if len(tok.Changes()) != 0 {
				t.Errorf("a refused grant raised %v", tok.Changes())
			}
		})
	}
}

func TestRevokedTokenLetsNobodyIn(t *testing.T) {
	var tok token.Token
	if err := tok.Grant("0123456789abcdef", access.RoleEnterprise, "91350100m000100y43", "", hash, at); err != nil {
		t.Fatal(err)
	}
	if a, ok := tok.Actor(hash); !ok || a.USCC != "91350100M000100Y43" || a.Role != access.RoleEnterprise {
		t.Errorf("Actor = %v %v, want the enterprise", a, ok)
	}
	if _, ok := tok.Actor(strings.Repeat("cd", 32)); ok {
		t.Error("another secret let its bearer in")
	}
	if err := tok.Grant("0123456789abcdef", access.RoleAdmin, "", "", hash, at); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("second grant = %v, want a conflict", err)
	}
	if err := tok.Revoke(at); err != nil {
		t.Fatal(err)
	}
	if err := tok.Revoke(at); err != nil || len(tok.Changes()) != 2 {
		t.Errorf("second revoke = %v with %d changes, want nothing more raised", err, len(tok.Changes()))
	}
	if _, ok := tok.Actor(hash); ok {
		t.Error("a revoked token let its bearer in")
	}
}

func TestRevokeOfUnknownTokenIsNotFound(t *testing.T) {
	var tok token.Token
	if err := tok.Revoke(at); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Revoke = %v, want not found", err)
	}
}
