package command_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// recallFixture registers a manufacturer with a batch of 10 units and
// starts a recall of it.
func recallFixture(t *testing.T) (*command.Handlers, string) {
	t.Helper()
	const maker, g, l = "91310000MA1FL0000N", "6901234567892", "R1"
	h := command.NewHandlers(&conflictingStore{}, command.Options{})
	ctx := t.Context()
	must := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: maker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"}}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: g, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: maker, ShelfLifeDays: 9}))
	must(h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: g, Lot: l, Quantity: 10, ProducedOn: "2026-05-01", ExpiresOn: "2026-05-10", OwnerUSCC: maker}))
	r := must(h.StartRecall(ctx, regulator, command.StartRecall{Batches: []command.BatchRef{{GTIN: g, Lot: l}}, Level: 1, Reason: "salmonella", InitiatedByUSCC: maker}))
	return h, r.RecallID
}

func TestAReturnUnderAClosedRecallIsRefused(t *testing.T) {
	h, id := recallFixture(t)
	ctx := t.Context()
	ret := command.RecordRecallReturn{RecallID: id, HolderUSCC: "91310000MA1FL0000N", Quantity: 10, Disposition: "destroyed"}
	if _, err := h.RecordRecallReturn(ctx, regulator, ret); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CloseRecall(ctx, regulator, command.CloseRecall{RecallID: id}); err != nil {
		t.Fatal(err)
	}
	ret.Quantity = 1
	_, err := h.RecordRecallReturn(ctx, regulator, ret)
	if !errors.Is(err, domain.ErrConflict) || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("error = %v, want a conflict: the recall is closed", err)
	}
}

func TestAReturnNamesTheFieldsTheClientSent(t *testing.T) {
	h, id := recallFixture(t)
	cases := []struct {
		name  string
		in    command.RecordRecallReturn
		kind  error
		field string
	}{
		{"a quantity that is not positive", command.RecordRecallReturn{Quantity: -1, Disposition: "returned"}, domain.ErrInvalid, "quantity"},
		{"a malformed gtin", command.RecordRecallReturn{GTIN: "123", Lot: "R1", Quantity: 1, Disposition: "returned"}, domain.ErrInvalid, "gtin"},
		{"a malformed lot", command.RecordRecallReturn{GTIN: "6901234567892", Lot: "bad lot", Quantity: 1, Disposition: "returned"}, domain.ErrInvalid, "lot"},
		{"nothing returned", command.RecordRecallReturn{Disposition: "returned"}, domain.ErrInvalid, "items"},
		{"an unknown disposition", command.RecordRecallReturn{Quantity: 1, Disposition: "lost"}, domain.ErrInvalid, "disposition"},
		{"another enterprise's holding", command.RecordRecallReturn{Quantity: 1, Disposition: "returned"}, domain.ErrForbidden, "holder_uscc"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.RecallID, c.in.HolderUSCC = id, "91310000MA1FL0000N"
			actor := regulator
			if c.kind == domain.ErrForbidden {
				actor = access.Actor{Role: access.RoleEnterprise, USCC: "91440300MA5DC0000X"}
			}
			_, err := h.RecordRecallReturn(t.Context(), actor, c.in)
			if !errors.Is(err, c.kind) {
				t.Fatalf("error = %v, want %v", err, c.kind)
			}
			var fe *domain.FieldError
			var re *domain.RuleError
			if field := func() string {
				if errors.As(err, &fe) {
					return fe.Field
				}
				if errors.As(err, &re) {
					return re.Field
				}
				return ""
			}(); field != c.field {
				t.Fatalf("field %q, want %q (%v)", field, c.field, err)
			}
		})
	}
}
