package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

// While a server holds the access log, `traceledger token` goes through
// tokens.db, and the server honours its grants and revocations at once.
func TestTokenCommandsReachARunningServer(t *testing.T) {
	data := t.TempDir()
	accessLog, err := sqlite.Open(t.Context(), filepath.Join(data, accessFile), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer accessLog.Close()
	file, err := authstore.Open(t.Context(), filepath.Join(data, tokensFile), authstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	server := authstore.NewLedger(accessLog, command.NewHandlers(accessLog, command.Options{}), file)
	inLog, err := server.Create(t.Context(), access.RoleAnalyst, "")
	if err != nil {
		t.Fatal(err)
	}

	code, out, stderr := runArgs(t, nil, "token", "create", "--role", "regulator", "--data", data)
	if code != exitOK || !strings.Contains(stderr, "held by a running server") {
		t.Fatalf("token create = %d %q %q", code, out, stderr)
	}
	tok := strings.TrimSpace(out)
	if a, err := server.Authenticate(t.Context(), tok); err != nil || a.Role != access.RoleRegulator {
		t.Fatalf("the server authenticates the new token as %v, %v", a, err)
	}
	if code, list, _ := runArgs(t, nil, "token", "list", "--data", data); code != exitOK ||
		!strings.Contains(list, authstore.ID(tok)) || !strings.Contains(list, authstore.ID(inLog)) {
		t.Errorf("token list = %d %q, want both tokens", code, list)
	}
	for _, revoked := range []string{tok, inLog} {
		if code, _, stderr := runArgs(t, nil, "token", "revoke", "--data", data, authstore.ID(revoked)); code != exitOK {
			t.Fatalf("token revoke = %d %s", code, stderr)
		}
		if _, err := server.Authenticate(t.Context(), revoked); !errors.Is(err, authstore.ErrUnknownToken) {
			t.Errorf("revoked through the CLI, the server answers %v, want ErrUnknownToken", err)
		}
	}
}
