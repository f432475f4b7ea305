package directory

import (
	"testing"

	"github.com/traceledger/traceledger/domain/enterprise"
)

func TestTheEnterpriseDirectoryListsRegisteredEnterprisesWithoutWebhooks(t *testing.T) {
	p := fold(t,
		enterprise.Registered{USCC: usccA, Name: "Acme Import", Region: "440100", Roles: []string{"importer"}, Contact: "020-1234", WebhookURL: "https://acme.example/hook"},
		enterprise.PenaltyImposed{USCC: usccA},
		enterprise.PenaltyImposed{USCC: usccB}, // penalised, never registered: not listed
	)
	got := p.Enterprises()
	if len(got) != 1 {
		t.Fatalf("listed %d enterprises, want 1: %+v", len(got), got)
	}
	e := got[0]
	if e.USCC != usccA || e.Name != "Acme Import" || e.Region != "440100" || e.Roles[0] != "importer" || e.Contact != "020-1234" ||
		e.Penalties != 1 || e.Position != 1 || !e.RegisteredAt.Equal(t0) {
		t.Fatalf("listed %+v", e)
	}
	got[0].Roles[0] = "changed"
	if p.Enterprises()[0].Roles[0] != "importer" {
		t.Fatal("the list shares its roles with the model")
	}
}
