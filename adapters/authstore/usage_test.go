package authstore

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

func TestATokensLastUseIsListedToTheMinuteAndSurvivesARestart(t *testing.T) {
	store := sqlitetest.Open(t)
	path := filepath.Join(t.TempDir(), "token-usage.json")
	u, err := OpenUsage(path)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 4, 10, 41, 17, 0, time.UTC)
	u.now = func() time.Time { return clock }
	l := NewLedger(store, command.NewHandlers(store, command.Options{}), nil).WithUsage(u)
	used, err := l.CreateLabelled(t.Context(), access.RoleEnterprise, "91350100M000100Y43", "warehouse scanner")
	if err != nil {
		t.Fatal(err)
	}
	idle, err := l.Create(t.Context(), access.RoleAnalyst, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Authenticate(t.Context(), used); err != nil {
		t.Fatal(err)
	}
	list, err := l.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	minute := time.Date(2026, 12, 4, 10, 41, 0, 0, time.UTC)
	for _, tok := range list {
		switch tok.ID {
		case ID(used):
			if !tok.LastUsedAt.Equal(minute) || tok.Label != "warehouse scanner" {
				t.Errorf("used token = %+v, want last use %v and its label", tok, minute)
			}
		case ID(idle):
			if !tok.LastUsedAt.IsZero() {
				t.Errorf("a token never used shows a last use: %+v", tok)
			}
		}
	}
	// Within the same minute a use changes nothing to write.
	if err := u.Save(); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(30 * time.Second)
	if _, err := l.Authenticate(t.Context(), used); err != nil {
		t.Fatal(err)
	}
	if u.dirty {
		t.Error("a second use in the same minute left something to write")
	}
	// A later use not yet saved is lost by a crash: the restarted server
	// knows the last saved minute, never a later or made-up one.
	clock = clock.Add(2 * time.Minute)
	if _, err := l.Authenticate(t.Context(), used); err != nil {
		t.Fatal(err)
	}
	again, err := OpenUsage(path)
	if err != nil {
		t.Fatal(err)
	}
	if at, ok := again.LastUsed(ID(used)); !ok || !at.Equal(minute) {
		t.Errorf("after a crash: last use %v %v, want the saved %v", at, ok, minute)
	}
	if err := u.Save(); err != nil {
		t.Fatal(err)
	}
	again, _ = OpenUsage(path)
	if at, _ := again.LastUsed(ID(used)); !at.Equal(minute.Add(2 * time.Minute)) {
		t.Errorf("after a save and a restart: last use %v, want %v", at, minute.Add(2*time.Minute))
	}
}
