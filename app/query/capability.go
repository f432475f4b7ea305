package query

import (
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// A read capability is a kind of read a role may make, named stably for
// clients (GET /api/v1/me's "may", beside the commands' own). Each is the
// read-side rule of domain/access the queries and routes apply, not a copy
// of it: overseers (access.Overseers) read the dashboards and every
// enterprise's records, readers (access.Readers) the histories, traces,
// recalls and the rest (an enterprise what concerns it), a regulator the
// global log, anyone access.SearchScope lets search, an admin the tokens
// and the server's status, an enterprise its own tokens.
type readCapability struct {
	name string
	rule func(access.Actor) error
}

func roleIn(roles ...access.Role) func(access.Actor) error {
	return func(a access.Actor) error {
		if !slices.Contains(roles, a.Role) {
			return domain.Forbidden("", "role_may_not_read_this", "role %s may not read this", a.Role)
		}
		return nil
	}
}

var readCapabilities = []readCapability{
	{"dashboards.read", roleIn(access.Overseers...)},
	{"enterprises.read_all", roleIn(access.Overseers...)},
	{"ledger.read", roleIn(access.Readers...)},
	{"events.read", roleIn(access.RoleRegulator)},
	{"search", func(a access.Actor) error { _, err := access.SearchScope(a); return err }},
	{"admin.status.read", MayReadStatus},
	{"tokens.read_own", MayReadOwnTokens},
}

// MayReadOwnTokens: an enterprise reads the tokens bound to its own USCC
// (when each was created, last used, revoked: never a secret); an admin
// reads every token through the admin routes; nobody else reads tokens.
func MayReadOwnTokens(a access.Actor) error {
	if a.Role != access.RoleEnterprise || a.USCC == "" {
		return domain.Forbidden("", "role_has_no_tokens", "role %s has no tokens of its own to read", a.Role)
	}
	return nil
}

// pages are the web UI's pages, each with the capability it needs: a role
// is offered the pages whose capability it has. The UI names its pages the
// same way (adapters/webui/static/js/app.js).
var pages = []struct{ name, needs string }{
	{"home", "tokens.read_own"},
	{"dashboard", "dashboards.read"},
	{"notices", "recall.acknowledge"},
	{"answers", "complaint.answer"},
	{"certificates", "tokens.read_own"},
	{"stock", "tokens.read_own"},
	{"grade", "tokens.read_own"},
	{"captures", "tokens.read_own"},
	{"audit", "ledger.read"},
	{"enterprise", "ledger.read"},
	{"trace", "ledger.read"},
	{"recalls", "ledger.read"},
	{"recall", "ledger.read"},
	{"withdrawals", "ledger.read"},
	{"complaints", "ledger.read"},
	{"complaint", "ledger.read"},
	{"targets", "dashboards.read"},
	{"enterprises", "enterprises.read_all"},
	{"products", "ledger.read"},
	{"batches", "ledger.read"},
	{"declarations", "ledger.read"},
	{"alerts", "ledger.read"},
	{"container", "ledger.read"},
	{"search", "search"},
	{"mytokens", "tokens.read_own"},
	{"admin-tokens", "tokens.manage"},
	{"admin-status", "admin.status.read"},
}

// capabilitiesOf merges what a may do among the commands (from commands,
// the command side's table) with what it may read, sorted.
func capabilitiesOf(a access.Actor, commands func(access.Actor) []string) []string {
	var out []string
	if commands != nil {
		out = append(out, commands(a)...)
	}
	for _, c := range readCapabilities {
		if c.rule(a) == nil {
			out = append(out, c.name)
		}
	}
	slices.Sort(out)
	return append([]string{}, slices.Compact(out)...)
}

// pagesOf is the pages a role with the capabilities may, in the UI's order.
func pagesOf(may []string) []string {
	out := []string{}
	for _, p := range pages {
		if _, ok := slices.BinarySearch(may, p.needs); ok {
			out = append(out, p.name)
		}
	}
	return out
}
