package command_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// What /me tells a client it may do is what the commands let it do: a
// capability is listed exactly when its command does not refuse the actor
// as forbidden (an empty input is refused later, as invalid, or not at all).
func TestCapabilitiesAreExactlyWhatTheCommandsAllow(t *testing.T) {
	h := command.NewHandlers(&conflictingStore{}, command.Options{})
	cmds := map[string]func(a access.Actor) error{
		"recall.start": func(a access.Actor) error {
			_, err := h.StartRecall(t.Context(), a, command.StartRecall{})
			return err
		},
		"recall.acknowledge": func(a access.Actor) error {
			_, err := h.AcknowledgeRecallNotice(t.Context(), a, command.AcknowledgeRecallNotice{})
			return err
		},
		"complaint.answer": func(a access.Actor) error {
			_, err := h.AnswerComplaint(t.Context(), a, command.AnswerComplaint{})
			return err
		},
		"enterprise.register": func(a access.Actor) error {
			_, err := h.RegisterEnterprise(t.Context(), a, command.RegisterEnterprise{})
			return err
		},
		"tokens.manage": func(a access.Actor) error {
			_, err := h.RevokeToken(t.Context(), a, command.RevokeToken{ID: "0123456789abcdef"})
			return err
		},
	}
	for _, a := range []access.Actor{{Role: access.RoleRegulator}, {Role: access.RoleAnalyst},
		{Role: access.RoleEnterprise, USCC: "91350100M000100Y43"}, {Role: access.RoleAdmin}} {
		may := command.Capabilities(a)
		for name, give := range cmds {
			forbidden := errors.Is(give(a), domain.ErrForbidden)
			if listed := slices.Contains(may, name); listed == forbidden {
				t.Errorf("%s: %s listed %v, yet the command forbidden %v", a.Role, name, listed, forbidden)
			}
		}
	}
	if may := command.Capabilities(access.Actor{Role: access.RoleAdmin}); !slices.Equal(may, []string{"complaint.submit", "tokens.manage"}) {
		t.Errorf("an admin may %v, want tokens.manage and the public complaint intake", may)
	}
}
