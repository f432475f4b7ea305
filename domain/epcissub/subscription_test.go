package epcissub

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
)

func created() Created {
	return Created{ID: "s1", Owner: "regulator", Role: "regulator", QueryName: "ships", Query: "EQ_bizStep=shipping",
		Dest: "https://partner.example/epcis", Stream: true}
}

func TestASubscriptionIsCancelledOnceAndOnlyByItsOwner(t *testing.T) {
	s := &Subscription{}
	if err := s.Create(created()); err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel("91110000MA01ABCDE1"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("another reader's cancel = %v, want not found", err)
	}
	if err := s.Cancel("regulator"); err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel("regulator"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("second cancel = %v, want not found", err)
	}
	if n := len(s.Changes()); n != 2 {
		t.Fatalf("%d events raised, want 2", n)
	}
}

func TestASubscriptionNeedsAWebhookAndStream(t *testing.T) {
	for name, change := range map[string]func(c *Created){
		"relative dest": func(c *Created) { c.Dest = "/epcis" },
		"ftp dest":      func(c *Created) { c.Dest = "ftp://partner.example/x" },
		"credentials":   func(c *Created) { c.Dest = "https://u:p@partner.example/x" },
		"space in dest": func(c *Created) { c.Dest = "https://partner.example/a b" },
		"no stream":     func(c *Created) { c.Stream = false },
		"no query":      func(c *Created) { c.Query = "" },
	} {
		c := created()
		change(&c)
		if err := (&Subscription{}).Create(c); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%s: Create = %v, want invalid", name, err)
		}
	}
}
