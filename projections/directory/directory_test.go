package directory

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

const (
	usccA = "91350100M000100Y43"
	usccB = "91310000MA1FL8XQ3B"
)

var t0 = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

func envs(evs ...event.Event) []runner.Envelope { return runnertest.Envelopes(t0, evs...) }

func fold(t *testing.T, evs ...event.Event) *Projection {
	t.Helper()
	return runnertest.Fold(t, New(), envs(evs...))
}

func TestDirectoryFold(t *testing.T) {
	regA := enterprise.Registered{USCC: usccA, Name: "Acme Import", Region: "440100", Roles: []string{"importer", "ecommerce"},
		FoodOperator: true, Contact: "020-1234", WebhookURL: "https://acme.example/hook"}
	tests := []struct {
		name      string
		events    []event.Event
		uscc      string
		want      Entry
		wantFound bool
	}{
		{"registered", []event.Event{regA}, usccA, Entry{USCC: usccA, Name: "Acme Import", Region: "440100",
			Roles: []string{"importer", "ecommerce"}, FoodOperator: true, Contact: "020-1234",
			WebhookURL: "https://acme.example/hook", Position: 1, RegisteredAt: t0}, true},
		{"penalties counted", []event.Event{regA, enterprise.PenaltyImposed{USCC: usccA}, enterprise.PenaltyImposed{USCC: usccB},
			enterprise.PenaltyImposed{USCC: usccA}}, usccA, Entry{USCC: usccA, Name: "Acme Import", Region: "440100",
			Roles: []string{"importer", "ecommerce"}, FoodOperator: true, Contact: "020-1234",
			WebhookURL: "https://acme.example/hook", Position: 1, RegisteredAt: t0, Penalties: 2}, true},
		{"unknown", []event.Event{regA}, usccB, Entry{}, false},
		{"penalised but never registered", []event.Event{enterprise.PenaltyImposed{USCC: usccB}}, usccB, Entry{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := fold(t, tc.events...)
			got, ok := p.Enterprise(tc.uscc)
			if ok != tc.wantFound {
				t.Fatalf("found %v, want %v", ok, tc.wantFound)
			}
			if ok && !equal(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			wantName := ""
			if tc.wantFound {
				wantName = tc.want.Name
			}
			if n := p.NameOf(tc.uscc); n != wantName {
				t.Errorf("NameOf = %q, want %q", n, wantName)
			}
		})
	}
}

func equal(a, b Entry) bool { return reflect.DeepEqual(a, b) }

func TestDirectoryRoles(t *testing.T) {
	p := fold(t, enterprise.Registered{USCC: usccA, Name: "Shop", Roles: []string{"retailer", "ecommerce"}})
	e, _ := p.Enterprise(usccA)
	if !e.HasRole(enterprise.Ecommerce) || e.HasRole(enterprise.Importer) {
		t.Errorf("roles %v: HasRole wrong", e.Roles)
	}
	if p.Len() != 1 {
		t.Errorf("Len = %d, want 1", p.Len())
	}
}

func TestDirectorySnapshotRoundTrip(t *testing.T) {
	p := fold(t,
		enterprise.Registered{USCC: usccA, Name: "Acme", Roles: []string{"importer"}},
		enterprise.Registered{USCC: usccB, Name: "Beta", Roles: []string{"retailer"}, Contact: "x"},
		enterprise.PenaltyImposed{USCC: usccB})
	var first bytes.Buffer
	if err := p.Snapshot(&first); err != nil {
		t.Fatal(err)
	}
	q := New()
	if err := q.Restore(bytes.NewReader(first.Bytes())); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := q.Snapshot(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("snapshot after restore differs:\n%s\n%s", first.Bytes(), second.Bytes())
	}
	if e, ok := q.Enterprise(usccB); !ok || e.Penalties != 1 || e.Contact != "x" {
		t.Errorf("restored %+v", e)
	}
	q.Reset()
	if _, ok := q.Enterprise(usccA); ok {
		t.Error("Reset kept an enterprise")
	}
}

func TestDirectoryViews(t *testing.T) {
	p := fold(t, enterprise.Registered{USCC: usccA, Name: "Acme", Contact: "020-1"})
	if n := p.Names().Name(usccA); n != "Acme" {
		t.Errorf("Names().Name = %q", n)
	}
	if name, contact, ok := p.Contacts().Enterprise(usccA); !ok || name != "Acme" || contact != "020-1" {
		t.Errorf("Contacts().Enterprise = %q %q %v", name, contact, ok)
	}
	if _, _, ok := p.Contacts().Enterprise(usccB); ok {
		t.Error("Contacts().Enterprise found an unknown enterprise")
	}
}
