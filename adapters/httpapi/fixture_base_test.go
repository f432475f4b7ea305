package httpapi_test

import (
	"net/http/httptest"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// recorded is what the fixtures that record a scenario through the real
// command handlers share: the store, the handlers, the API over them, and
// how they record and read.
type recorded struct {
	t     testing.TB
	h     *command.Handlers
	store *sqlite.Store
	srv   *httpapi.Server
}

// as is the actor of enterprise u.
func (recorded) as(u string) access.Actor {
	return access.Actor{Role: access.RoleEnterprise, USCC: u}
}

// ok checks that a command succeeded.
func (f recorded) ok(out command.Outcome, err error) command.Outcome {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// get asks the server once the read models have caught up with the log.
func (f recorded) get(path, token string) *httptest.ResponseRecorder {
	f.t.Helper()
	return readLatest(f.t, f.store, f.srv, path, token)
}

// getJSON asks and decodes a 200 answer.
func (f recorded) getJSON(path, token string, v any) {
	f.t.Helper()
	decodeOK(f.t, path, f.get(path, token), v)
}

// token is the fixtures' bearer token of enterprise u.
func (recorded) token(u string) string { return "tok-" + u }

// newUSCC is a valid USCC from its first 17 characters.
func newUSCC(t testing.TB, prefix string) string {
	t.Helper()
	u, err := ident.NewUSCC(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return u.String()
}
