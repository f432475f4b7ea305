package command_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

const (
	glnMaker = "6901234000009"
	glnShop  = "6901234000016"
)

// captureWorld is shopWithStock with both enterprises' GLNs registered.
func captureWorld(t *testing.T) (*command.Handlers, *conflictingStore) {
	t.Helper()
	clock := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
	s := &conflictingStore{}
	h := command.NewHandlers(s, command.Options{Now: func() time.Time { return clock }})
	ctx := t.Context()
	must := func(_ command.Outcome, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	maker := access.Actor{Role: access.RoleEnterprise, USCC: wMaker}
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wMaker, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
	must(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: wShop, Name: "Shop", Region: "440100", Roles: []string{"retailer"}}))
	must(h.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: wGTIN, Name: "Tea", Brand: "B", Spec: "250 g",
		Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: wMaker, ShelfLifeDays: 365}))
	must(h.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: wGTIN, Lot: "L1", Quantity: 100, ProducedOn: "2025-03-01", ExpiresOn: "2026-03-01", OwnerUSCC: wMaker}))
	must(h.RegisterLocation(ctx, maker, command.RegisterLocation{USCC: wMaker, GLN: glnMaker, Name: "Plant"}))
	must(h.RegisterLocation(ctx, shop, command.RegisterLocation{USCC: wShop, GLN: glnShop, Name: "Store"}))
	return h, s
}

var maker = access.Actor{Role: access.RoleEnterprise, USCC: wMaker}

func epcisEvent(n int, step, action, at string, items ...string) command.EPCISEvent {
	return command.EPCISEvent{HashID: fmt.Sprintf("ni:///sha-256;%064x?ver=CBV2.0", n), Type: "ObjectEvent", Action: action, BizStep: step,
		EventTime: time.Date(2026, 1, 5, 2, 0, n, 0, time.UTC), BizLocation: command.Place{GLN: at}, Items: items, Document: `{"type":"ObjectEvent"}`}
}

func item(serial string) string { return "/01/0" + wGTIN + "/10/L1/21/" + serial }

func TestADocumentsLaterEventsSeeWhatItsEarlierEventsChanged(t *testing.T) {
	h, s := captureWorld(t)
	ship := epcisEvent(2, "shipping", "OBSERVE", glnMaker, item("A1"), item("A2"))
	ship.Destinations = []command.Party{{Type: "owning_party", Place: command.Place{GLN: glnShop}}}
	before := s.head
	out, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-1", Events: []command.EPCISEvent{
		epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1"), item("A2")), ship}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Results[0].Command != "ApplyLabels" || out.Results[1].Command != "Ship" {
		t.Fatalf("commands: %+v", out.Results)
	}
	if s.appends == 0 || s.head == before {
		t.Fatal("nothing appended")
	}
	first := s.streams["epcis-"+fmt.Sprintf("%064x", 1)]
	if len(first) != 1 || first[0].Position != before+1 {
		t.Fatalf("the first event's capture record leads the append: %+v", first)
	}
	if first[0].Metadata.CorrelationID != "job-1" {
		t.Fatalf("correlation: %q", first[0].Metadata.CorrelationID)
	}
	for _, e := range out.Results[1].Events {
		if e.Position == 0 {
			t.Fatalf("domain event without a position: %+v", e)
		}
	}
}

func TestADocumentWithOneBadEventAppendsNothing(t *testing.T) {
	h, s := captureWorld(t)
	appends := s.appends
	_, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-2", Events: []command.EPCISEvent{
		epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1")),
		epcisEvent(2, "commissioning", "ADD", "6901234000023", item("A2")),
		epcisEvent(3, "retail_selling", "OBSERVE", glnShop, item("A1")),
	}})
	var refused *command.CaptureRefused
	if !errors.As(err, &refused) {
		t.Fatalf("want a refusal, got %v", err)
	}
	rules := map[int]string{}
	for _, e := range refused.Errors {
		rules[e.Index] = e.Rule
	}
	if rules[1] != "unknown_gln" || rules[2] != "not_your_location" || len(rules) != 2 {
		t.Fatalf("rules: %+v", refused.Errors)
	}
	if s.appends != appends {
		t.Fatal("a refused document appended")
	}
}

func TestCapturingTheSameEventTwiceAppendsNothing(t *testing.T) {
	h, s := captureWorld(t)
	doc := command.CaptureEPCIS{JobID: "job-3", Events: []command.EPCISEvent{epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1"))}}
	if _, err := h.CaptureEPCIS(t.Context(), maker, doc); err != nil {
		t.Fatal(err)
	}
	head := s.head
	doc.JobID = "job-4"
	out, err := h.CaptureEPCIS(t.Context(), maker, doc)
	if err != nil {
		t.Fatal(err)
	}
	if s.head != head || out.Results[0].Outcome != command.OutcomeAlreadyCaptured {
		t.Fatalf("second capture: head %d -> %d, %+v", head, s.head, out.Results)
	}
}

func TestAnEventThatMapsToNoCommandIsRecorded(t *testing.T) {
	h, s := captureWorld(t)
	ev := epcisEvent(1, "storing", "OBSERVE", glnMaker, item("A1"))
	out, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-5", Events: []command.EPCISEvent{ev}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Results[0].Command != "" || len(s.streams["epcis-"+fmt.Sprintf("%064x", 1)]) != 1 {
		t.Fatalf("%+v", out.Results)
	}
}

func TestShippingAnUnlabelledItemIsRefusedNamingTheItem(t *testing.T) {
	h, s := captureWorld(t)
	ship := epcisEvent(1, "shipping", "OBSERVE", glnMaker, item("Z9"))
	ship.Destinations = []command.Party{{Type: "owning_party", Place: command.Place{GLN: glnShop}}}
	appends := s.appends
	_, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-6", Events: []command.EPCISEvent{ship}})
	var refused *command.CaptureRefused
	if !errors.As(err, &refused) || len(refused.Errors) != 1 || !strings.HasPrefix(refused.Errors[0].Field, "epcList") ||
		!strings.Contains(refused.Errors[0].Message, "not labelled") || s.appends != appends {
		t.Fatalf("want one refusal on epcList, got %v %+v", err, refused)
	}
}

func TestARegulatorCapturesAnInspectionButMovesNoGoods(t *testing.T) {
	h, _ := captureWorld(t)
	insp := command.EPCISEvent{HashID: fmt.Sprintf("ni:///sha-256;%064x?ver=CBV2.0", 1), Type: "ObjectEvent", Action: "OBSERVE", BizStep: "inspecting",
		Disposition: "conformant", EventTime: time.Date(2026, 1, 5, 2, 0, 1, 0, time.UTC), BizLocation: command.Place{GLN: glnMaker},
		Lines: []command.QuantityLine{{GTIN: wGTIN, Lot: "L1", Quantity: 1}}, Document: `{}`}
	out, err := h.CaptureEPCIS(t.Context(), regulator, command.CaptureEPCIS{JobID: "job-7", Events: []command.EPCISEvent{insp}})
	if err != nil || out.Results[0].Command != "InspectMarket" {
		t.Fatalf("inspection: %v %+v", err, out.Results)
	}
	ship := epcisEvent(2, "shipping", "OBSERVE", glnMaker, item("A1"))
	_, err = h.CaptureEPCIS(t.Context(), regulator, command.CaptureEPCIS{JobID: "job-8", Events: []command.EPCISEvent{ship}})
	var refused *command.CaptureRefused
	if !errors.As(err, &refused) || refused.Errors[0].Rule != "regulator_capture" {
		t.Fatalf("a regulator's shipping event: %v", err)
	}
}

func aggregation(n int, action, parentSSCC string, items ...string) command.EPCISEvent {
	ev := epcisEvent(n, "", action, glnMaker, items...)
	ev.Type, ev.ParentSSCC = "AggregationEvent", parentSSCC
	return ev
}

func TestAnAggregationWhoseParentIsNoSSCCIsRecordedOnly(t *testing.T) {
	h, _ := captureWorld(t)
	out, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-9", Events: []command.EPCISEvent{
		epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1")), aggregation(2, "ADD", "", item("A1"))}})
	if err != nil || out.Results[1].Command != "" {
		t.Fatalf("%v %+v", err, out.Results)
	}
}

func TestADocumentPacksUnpacksAndShipsTheSameUnits(t *testing.T) {
	h, _ := captureWorld(t)
	const sscc = "069012340000000016"
	ship := epcisEvent(5, "shipping", "OBSERVE", glnMaker, item("A1"))
	ship.Destinations = []command.Party{{Type: "owning_party", Place: command.Place{GLN: glnShop}}}
	shipPacked := ship
	shipPacked.HashID = fmt.Sprintf("ni:///sha-256;%064x?ver=CBV2.0", 3)
	out, err := h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-10", Events: []command.EPCISEvent{
		epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1"), item("A2")),
		aggregation(2, "ADD", sscc, item("A1"), item("A2")),
		shipPacked,
	}})
	var refused *command.CaptureRefused
	if !errors.As(err, &refused) || len(refused.Errors) != 1 || refused.Errors[0].Index != 2 {
		t.Fatalf("shipping a packed unit on its own: %v %+v", err, out.Results)
	}
	out, err = h.CaptureEPCIS(t.Context(), maker, command.CaptureEPCIS{JobID: "job-11", Events: []command.EPCISEvent{
		epcisEvent(1, "commissioning", "ADD", glnMaker, item("A1"), item("A2")),
		aggregation(2, "ADD", sscc, item("A1"), item("A2")),
		aggregation(4, "DELETE", sscc),
		ship,
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range out.Results {
		got = append(got, r.Command)
	}
	if strings.Join(got, ",") != "ApplyLabels,PackContainer,UnpackContainer,Ship" {
		t.Fatalf("commands: %v", got)
	}
}
