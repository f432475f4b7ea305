package command_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/recall"
)

const soldMaker, soldGTIN, soldLot = "91310000MA1FL0000N", "6901234567892", "S1"

// soldFixture registers a maker with a batch of 10 units, sells 4 to
// consumers and starts a recall of the batch with its plan.
func soldFixture(t *testing.T, plan command.StartRecall) (*command.Handlers, *conflictingStore, string) {
	t.Helper()
	store := &conflictingStore{}
	h := command.NewHandlers(store, command.Options{})
	ctx := t.Context()
	must := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: soldMaker, Name: "M", Region: "浙江", Roles: []string{"manufacturer", "retailer"}}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: soldGTIN, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: soldMaker, ShelfLifeDays: 900}))
	now := time.Now().UTC()
	must(h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: soldGTIN, Lot: soldLot, Quantity: 10,
		ProducedOn: now.AddDate(0, 0, -10).Format(time.DateOnly), ExpiresOn: now.AddDate(1, 0, 0).Format(time.DateOnly), OwnerUSCC: soldMaker}))
	must(h.Sell(ctx, regulator, command.Sell{SellerUSCC: soldMaker, Channel: "retail", Lines: []command.QuantityLine{{GTIN: soldGTIN, Lot: soldLot, Quantity: 4}}}))
	plan.Batches, plan.Level, plan.Reason, plan.InitiatedByUSCC = []command.BatchRef{{GTIN: soldGTIN, Lot: soldLot}}, 1, "salmonella", soldMaker
	r := must(h.StartRecall(ctx, regulator, plan))
	return h, store, r.RecallID
}

// TestSoldUnitsMustBeAccountedBeforeARecallCloses: with the stock destroyed
// and 4 units sold to consumers, closing is refused until a consumer
// return and the regulator's acceptance of the public notice account for
// them; the closed event records how.
func TestSoldUnitsMustBeAccountedBeforeARecallCloses(t *testing.T) {
	h, store, id := soldFixture(t, command.StartRecall{})
	ctx := t.Context()
	if _, err := h.RecordRecallReturn(ctx, regulator, command.RecordRecallReturn{RecallID: id, HolderUSCC: soldMaker, Quantity: 6, Disposition: "destroyed"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CloseRecall(ctx, regulator, command.CloseRecall{RecallID: id}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("close with 4 units sold: %v, want a conflict", err)
	}
	// A consumer brings one back to the seller.
	if _, err := h.RecordRecallReturn(ctx, regulator, command.RecordRecallReturn{RecallID: id, HolderUSCC: soldMaker, Quantity: 1, Disposition: "returned"}); err != nil {
		t.Fatal(err)
	}
	maker := access.Actor{Role: access.RoleEnterprise, USCC: soldMaker}
	if _, err := h.AcceptPublicNotice(ctx, maker, command.AcceptPublicNotice{RecallID: id, Notice: "公告"}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("the recaller accepting its own notice: %v, want forbidden", err)
	}
	if _, err := h.AcceptPublicNotice(ctx, regulator, command.AcceptPublicNotice{RecallID: id, Notice: "公告 samr.gov.cn"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CloseRecall(ctx, regulator, command.CloseRecall{RecallID: id}); err != nil {
		t.Fatal(err)
	}
	recs := store.streams[recall.Stream(id)]
	var accepted recall.PublicNoticeAccepted
	var closed recall.Closed
	if len(recs) != 3 || json.Unmarshal(recs[1].Data, &accepted) != nil || json.Unmarshal(recs[2].Data, &closed) != nil {
		t.Fatalf("recall stream %d events", len(recs))
	}
	if accepted.Sold != 3 {
		t.Errorf("notice accepted for %d sold units, want 3", accepted.Sold)
	}
	want := recall.Accounting{Affected: 10, Returned: 1, Destroyed: 6, SoldByPublicNotice: 3}
	if closed.Accounting == nil || *closed.Accounting != want {
		t.Fatalf("closing accounted %+v, want %+v", closed.Accounting, want)
	}
}

func TestARecallRecordsItsPlan(t *testing.T) {
	known := time.Now().UTC().Add(-30 * time.Hour).Truncate(time.Second)
	_, store, id := soldFixture(t, command.StartRecall{Hazard: "沙门氏菌", HazardKnownAt: known.Format(time.RFC3339),
		Scope: "浙江省内商超", Measures: "停止销售，退回", Contact: "400-800-0000"})
	var s recall.Started
	if err := json.Unmarshal(store.streams[recall.Stream(id)][0].Data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Hazard != "沙门氏菌" || s.Scope != "浙江省内商超" || s.Measures != "停止销售，退回" || s.Contact != "400-800-0000" ||
		s.HazardKnownAt != known.Format(time.RFC3339) {
		t.Fatalf("plan %+v", s)
	}
	if want := known.Add(24 * time.Hour).Format(time.RFC3339); s.StartBy != want {
		t.Fatalf("start_by %s, want %s: 24 hours from when the hazard became known", s.StartBy, want)
	}
}

func TestARecallPlanIsBounded(t *testing.T) {
	h, _, _ := soldFixture(t, command.StartRecall{})
	long := make([]rune, command.MaxLine+1)
	for i := range long {
		long[i] = '电'
	}
	cases := []struct {
		name  string
		in    command.StartRecall
		field string
	}{
		{"a hazard known tomorrow", command.StartRecall{HazardKnownAt: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}, "hazard_known_at"},
		{"a hazard known three years ago", command.StartRecall{HazardKnownAt: time.Now().AddDate(-3, 0, 0).UTC().Format(time.RFC3339)}, "hazard_known_at"},
		{"a hazard known at no time", command.StartRecall{HazardKnownAt: "yesterday"}, "hazard_known_at"},
		{"a contact longer than a line", command.StartRecall{Contact: string(long)}, "contact"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			in.Batches, in.Level, in.Reason, in.InitiatedByUSCC = []command.BatchRef{{GTIN: soldGTIN, Lot: soldLot}}, 2, "x", soldMaker
			_, err := h.StartRecall(t.Context(), regulator, in)
			var fe *domain.FieldError
			if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &fe) || fe.Field != c.field {
				t.Fatalf("error %v, want invalid %s", err, c.field)
			}
		})
	}
}

// TestAHolderAcknowledgesItsRecallNoticeOnce: the holder's acknowledgement
// is recorded on its notice stream, once; an enterprise holding none of the
// recalled units is answered as if the recall did not exist.
func TestAHolderAcknowledgesItsRecallNoticeOnce(t *testing.T) {
	h, store, id := soldFixture(t, command.StartRecall{})
	ctx := t.Context()
	maker := access.Actor{Role: access.RoleEnterprise, USCC: soldMaker}
	ack := command.AcknowledgeRecallNotice{RecallID: id, HolderUSCC: soldMaker, Note: "已下架"}
	for range 2 {
		if _, err := h.AcknowledgeRecallNotice(ctx, maker, ack); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(store.streams[recall.NoticeStream(id, soldMaker)]); n != 1 {
		t.Fatalf("%d acknowledgements recorded, want 1", n)
	}
	const stranger = "91440300MA5DC0000Y"
	if _, err := h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: stranger, Name: "S", Region: "广东", Roles: []string{"retailer"}}); err != nil {
		t.Fatal(err)
	}
	_, err := h.AcknowledgeRecallNotice(ctx, access.Actor{Role: access.RoleEnterprise, USCC: stranger},
		command.AcknowledgeRecallNotice{RecallID: id, HolderUSCC: stranger})
	if !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a stranger's acknowledgement: %v, want not found", err)
	}
	_, err = h.AcknowledgeRecallNotice(ctx, access.Actor{Role: access.RoleEnterprise, USCC: stranger}, ack)
	if !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("acknowledging for another holder: %v, want forbidden", err)
	}
}
