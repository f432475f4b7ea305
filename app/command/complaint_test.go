package command_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/complaint"
)

const (
	cMaker  = "91310000MA1FL0000N"
	cShop   = "91440300MA5DC0000Y"
	cGTIN   = "6901234567892"
	cLot    = "C1"
	cSerial = "S1"
)

// complaintFixture: a maker's batch with two labelled items, one shipped
// to a shop and sold there; the clock is the returned pointer.
func complaintFixture(t *testing.T) (*command.Handlers, *conflictingStore, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday
	store := &conflictingStore{}
	h := command.NewHandlers(store, command.Options{Now: func() time.Time { return now }})
	ctx := t.Context()
	must := func(_ command.Outcome, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: cMaker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"}}))
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: cShop, Name: "S", Region: "广东", Roles: []string{"retailer"}}))
	must(h.RegisterProduct(ctx, regulator, command.RegisterProduct{GTIN: cGTIN, Name: "P", Brand: "B", Spec: "1", Category: "dairy",
		OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: cMaker, ShelfLifeDays: 90}))
	must(h.RegisterBatch(ctx, regulator, command.RegisterBatch{GTIN: cGTIN, Lot: cLot, Quantity: 10, ProducedOn: "2026-10-01", ExpiresOn: "2026-12-30", OwnerUSCC: cMaker}))
	must(h.ApplyLabels(ctx, regulator, command.ApplyLabels{GTIN: cGTIN, Lot: cLot, OwnerUSCC: cMaker, Serials: []string{cSerial, "S2"}}))
	item := "/01/0" + cGTIN + "/10/" + cLot + "/21/" + cSerial
	sh, err := h.Ship(ctx, regulator, command.Ship{FromUSCC: cMaker, ToUSCC: cShop, Waybill: "W1", Items: []string{item}})
	must(sh, err)
	must(h.ConfirmReceipt(ctx, regulator, command.ConfirmReceipt{ShipmentID: sh.ShipmentID}))
	must(h.Sell(ctx, regulator, command.Sell{SellerUSCC: cShop, Channel: "retail", Items: []string{item}}))
	return h, store, &now
}

// filedAgainst is the enterprise the complaint's Filed event names.
func filedAgainst(t *testing.T, s *conflictingStore, id string) complaint.Filed {
	t.Helper()
	recs := s.streams[complaint.Stream(id)]
	if len(recs) == 0 {
		t.Fatalf("no stream for complaint %s", id)
	}
	ev, err := complaint.Decoders.Decode("complaint", recs[0])
	if err != nil {
		t.Fatal(err)
	}
	return ev.(complaint.Filed)
}

func TestAConsumerComplaintIsFiledAgainstTheEnterpriseTheLedgerNames(t *testing.T) {
	h, store, _ := complaintFixture(t)
	anyone := access.Actor{}
	cases := []struct {
		name    string
		in      command.SubmitComplaint
		against string
		serial  string
	}{
		{"a sold item's Digital Link names its seller", command.SubmitComplaint{Item: "https://id.gs1.org/01/0" + cGTIN + "/10/" + cLot + "/21/" + cSerial},
			cShop, cSerial},
		{"gtin, lot and serial of an unsold item name its holder", command.SubmitComplaint{GTIN: cGTIN, Lot: cLot, Serial: "S2"}, cMaker, "S2"},
		{"gtin and lot name the batch's owner", command.SubmitComplaint{GTIN: cGTIN, Lot: cLot}, cMaker, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Category, c.in.Description, c.in.Contact = "quality", "mould", "138 0000 0000"
			out, err := h.SubmitComplaint(t.Context(), anyone, c.in)
			if err != nil {
				t.Fatal(err)
			}
			f := filedAgainst(t, store, out.ComplaintID)
			if f.AgainstUSCC != c.against || f.Serial != c.serial || f.FiledBy != complaint.ByConsumer || f.Channel != command.PublicComplaintChannel ||
				f.AcceptBy != "2026-11-11T09:00:00Z" {
				t.Fatalf("filed %+v", f)
			}
		})
	}
}

func TestAConsumerComplaintIsRefusedWhenTheCodeIsNotInTheLedgerOrTheContactIsMissing(t *testing.T) {
	h, _, _ := complaintFixture(t)
	base := command.SubmitComplaint{GTIN: cGTIN, Lot: cLot, Serial: cSerial, Category: "quality", Description: "mould", Contact: "138"}
	cases := []struct {
		name  string
		edit  func(*command.SubmitComplaint)
		kind  error
		field string
	}{
		{"unknown batch", func(in *command.SubmitComplaint) { in.Lot = "NOPE" }, domain.ErrNotFound, "item"},
		{"unknown item", func(in *command.SubmitComplaint) { in.Serial = "NOPE" }, domain.ErrNotFound, "item"},
		{"no contact", func(in *command.SubmitComplaint) { in.Contact = "" }, domain.ErrInvalid, "contact"},
		{"contact too long", func(in *command.SubmitComplaint) { in.Contact = string(make([]byte, 201)) }, domain.ErrInvalid, "contact"},
		{"both a link and a gtin", func(in *command.SubmitComplaint) { in.Item = "/01/0" + cGTIN + "/10/C1/21/S1" }, domain.ErrInvalid, "item"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base
			c.edit(&in)
			_, err := h.SubmitComplaint(t.Context(), access.Actor{}, in)
			var fe *domain.FieldError
			var re *domain.RuleError
			field := ""
			if errors.As(err, &fe) {
				field = fe.Field
			} else if errors.As(err, &re) {
				field = re.Field
			}
			if !errors.Is(err, c.kind) || field != c.field {
				t.Fatalf("error = %v (field %q), want %v on %s", err, field, c.kind, c.field)
			}
		})
	}
}

// The regulator takes the case through its steps; the enterprise concerned
// answers once it is accepted; another enterprise finds no such case.
func TestAComplaintCaseRunsFromIntakeToConclusion(t *testing.T) {
	h, store, now := complaintFixture(t)
	ctx := t.Context()
	shop := access.Actor{Role: access.RoleEnterprise, USCC: cShop}
	maker := access.Actor{Role: access.RoleEnterprise, USCC: cMaker}
	out, err := h.SubmitComplaint(ctx, access.Actor{}, command.SubmitComplaint{GTIN: cGTIN, Lot: cLot, Serial: cSerial, Category: "quality", Description: "mould", Contact: "138"})
	if err != nil {
		t.Fatal(err)
	}
	id := out.ComplaintID
	if _, err := h.AnswerComplaint(ctx, shop, command.AnswerComplaint{ComplaintID: id, Answer: "early"}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("answer before acceptance: %v, want a conflict (the case is not yet accepted)", err)
	}
	*now = now.AddDate(0, 0, 10) // past the 7 working days
	steps := []struct {
		name string
		run  func() (command.Outcome, error)
		want error
	}{
		{"an enterprise may not accept", func() (command.Outcome, error) {
			return h.AcceptComplaint(ctx, shop, command.AcceptComplaint{ComplaintID: id})
		}, domain.ErrForbidden},
		{"accept, late", func() (command.Outcome, error) {
			return h.AcceptComplaint(ctx, regulator, command.AcceptComplaint{ComplaintID: id})
		}, nil},
		{"another enterprise finds no case", func() (command.Outcome, error) {
			return h.AnswerComplaint(ctx, maker, command.AnswerComplaint{ComplaintID: id, Answer: "not ours"})
		}, domain.ErrNotFound},
		{"the enterprise concerned answers", func() (command.Outcome, error) {
			return h.AnswerComplaint(ctx, shop, command.AnswerComplaint{ComplaintID: id, Answer: "we refunded"})
		}, nil},
		{"a regulator does not answer for it", func() (command.Outcome, error) {
			return h.AnswerComplaint(ctx, regulator, command.AnswerComplaint{ComplaintID: id, Answer: "x"})
		}, domain.ErrForbidden},
		{"no conclusion before the investigation", func() (command.Outcome, error) {
			yes := true
			return h.ResolveComplaint(ctx, regulator, command.ResolveComplaint{ComplaintID: id, Substantiated: &yes, Outcome: "x"})
		}, domain.ErrConflict},
		{"investigate", func() (command.Outcome, error) {
			return h.InvestigateComplaint(ctx, regulator, command.InvestigateComplaint{ComplaintID: id, Note: "lab"})
		}, nil},
		{"mediate", func() (command.Outcome, error) {
			yes := true
			return h.ResolveComplaint(ctx, regulator, command.ResolveComplaint{ComplaintID: id, Substantiated: &yes, Outcome: "refund", Conclusion: "mediated"})
		}, nil},
		{"no transfer once concluded", func() (command.Outcome, error) {
			return h.TransferComplaint(ctx, regulator, command.TransferComplaint{ComplaintID: id, Authority: "customs", Reason: "r"})
		}, domain.ErrConflict},
	}
	for _, s := range steps {
		if _, err := s.run(); !errors.Is(err, s.want) || (s.want == nil && err != nil) {
			t.Fatalf("%s: error = %v, want %v", s.name, err, s.want)
		}
	}
	var types []string
	var accepted complaint.Accepted
	var resolved complaint.Resolved
	for _, r := range store.streams[complaint.Stream(id)] {
		types = append(types, r.Type)
		ev, _ := complaint.Decoders.Decode("complaint", r)
		switch ev := ev.(type) {
		case complaint.Accepted:
			accepted = ev
		case complaint.Resolved:
			resolved = ev
		}
	}
	want := []string{complaint.TypeFiled, complaint.TypeContactRecorded, complaint.TypeAccepted, complaint.TypeAnswered,
		complaint.TypeInvestigationStarted, complaint.TypeResolved}
	if len(types) != len(want) {
		t.Fatalf("events %v, want %v", types, want)
	}
	for i := range want {
		if types[i] != want[i] {
			t.Fatalf("events %v, want %v", types, want)
		}
	}
	if !accepted.Late || accepted.ConcludeBy == "" || !resolved.Substantiated || resolved.Conclusion != complaint.ConclusionMediated {
		t.Fatalf("accepted %+v resolved %+v", accepted, resolved)
	}
}

func TestAConsumerComplaintAnswersAFollowUpCodeTheLogKeepsOnlyAsItsHash(t *testing.T) {
	h, store, _ := complaintFixture(t)
	out, err := h.SubmitComplaint(t.Context(), access.Actor{}, command.SubmitComplaint{GTIN: cGTIN, Lot: cLot, Category: "quality",
		Description: "mould", Contact: "138 0000 0000"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.FollowUpCode) != 19 {
		t.Fatalf("follow-up code %q: want four groups of four", out.FollowUpCode)
	}
	f := filedAgainst(t, store, out.ComplaintID)
	if f.FollowUpHash != complaint.FollowUpHash(out.FollowUpCode) {
		t.Fatalf("filed hash %q, want the code's SHA-256", f.FollowUpHash)
	}
	for _, r := range store.streams[complaint.Stream(out.ComplaintID)] {
		if strings.Contains(string(r.Data), complaint.NormaliseFollowUpCode(out.FollowUpCode)) || strings.Contains(string(r.Data), out.FollowUpCode) {
			t.Fatalf("event %s holds the code in clear: %s", r.Type, r.Data)
		}
	}
	again, err := h.SubmitComplaint(t.Context(), access.Actor{}, command.SubmitComplaint{GTIN: cGTIN, Lot: cLot, Category: "quality",
		Description: "mould", Contact: "138 0000 0000"})
	if err != nil {
		t.Fatal(err)
	}
	if again.FollowUpCode == out.FollowUpCode {
		t.Fatalf("two complaints got the same code %q", out.FollowUpCode)
	}
}

func TestARegulatorsFilingHasNoFollowUpCode(t *testing.T) {
	h, store, _ := complaintFixture(t)
	out, err := h.FileComplaint(t.Context(), regulator, command.FileComplaint{GTIN: cGTIN, AgainstUSCC: cMaker, Category: "quality", Severity: 2, Channel: "12315"})
	if err != nil {
		t.Fatal(err)
	}
	if out.FollowUpCode != "" || filedAgainst(t, store, out.ComplaintID).FollowUpHash != "" {
		t.Fatalf("a regulator's filing got a follow-up code: %+v", out)
	}
}
