package risk_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/risk"
	"github.com/traceledger/traceledger/projections/runner"
)

// scenario is a ledger built through the command handlers: a manufacturer
// ships half a batch to a retailer, who sells part of it.
type scenario struct {
	t     *testing.T
	store *sqlite.Store
	cmds  *command.Handlers
	clock time.Time
}

var regulator = access.Actor{Role: access.RoleRegulator}

func newScenario(t *testing.T) *scenario {
	t.Helper()
	store := sqlitetest.Open(t)
	s := &scenario{t: t, store: store, clock: t0}
	s.cmds = command.NewHandlers(store, command.Options{Now: func() time.Time { return s.clock }})
	s.must(s.cmds.RegisterEnterprise(t.Context(), regulator, command.RegisterEnterprise{USCC: importer, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
	s.must(s.cmds.RegisterEnterprise(t.Context(), regulator, command.RegisterEnterprise{USCC: retailer, Name: "Shop", Region: "440100", Roles: []string{"retailer"}}))
	maker := access.Actor{Role: access.RoleEnterprise, USCC: importer}
	s.must(s.cmds.RegisterProduct(t.Context(), maker, command.RegisterProduct{GTIN: "6901234567892", Name: "Tea", Brand: "B", Spec: "250 g",
		Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: importer, ShelfLifeDays: 365}))
	s.must(s.cmds.RegisterBatch(t.Context(), maker, command.RegisterBatch{GTIN: "6901234567892", Lot: "L1", Quantity: 100,
		ProducedOn: "2026-03-01", ExpiresOn: "2027-03-01", OwnerUSCC: importer}))
	out := s.must(s.cmds.Ship(t.Context(), maker, command.Ship{FromUSCC: importer, ToUSCC: retailer, Waybill: "W1",
		Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "L1", Quantity: 50}}}))
	shop := access.Actor{Role: access.RoleEnterprise, USCC: retailer}
	s.must(s.cmds.ConfirmReceipt(t.Context(), shop, command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	s.must(s.cmds.Sell(t.Context(), shop, command.Sell{SellerUSCC: retailer, Channel: "retail",
		Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "L1", Quantity: 20}}}))
	return s
}

func (s *scenario) must(out command.Outcome, err error) command.Outcome {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
	s.clock = s.clock.Add(time.Minute)
	return out
}

// grade rebuilds the model from the whole log and grades uscc.
func (s *scenario) grade(uscc string) query.Grade {
	s.t.Helper()
	p := risk.New()
	if _, err := runner.Rebuild(s.t.Context(), s.store, "", nil, p); err != nil {
		s.t.Fatal(err)
	}
	return mustGrade(s.t, p, uscc, s.clock)
}

// A penalty and a substantiated complaint raise the retailer's score; a
// level-1 recall a regulator orders of the manufacturer's batch makes the
// manufacturer class 4.
func TestGradeOfAScenarioBuiltByCommands(t *testing.T) {
	s := newScenario(t)
	ctx := t.Context()
	clean := s.grade(retailer)
	if clean.Score != 0 || clean.Grade != 1 || clean.Name != "Shop" || clean.Features.UnitsSold != 20 {
		t.Fatalf("before anything: %+v", clean)
	}

	s.must(s.cmds.ImposePenalty(ctx, regulator, command.ImposePenalty{EnterpriseUSCC: retailer, Authority: "广州市市场监督管理局", AmountCNY: 50_000, Reason: "false labelling"}))
	penalised := s.grade(retailer)
	if penalised.Score <= clean.Score || penalised.Factors["penalties"].Value != 1 || penalised.Factors["penalty_amount_cny"].Value != 50_000 {
		t.Fatalf("after a penalty: score %v, factors %+v", penalised.Score, penalised.Factors)
	}

	c := s.must(s.cmds.FileComplaint(ctx, regulator, command.FileComplaint{GTIN: "6901234567892", Lot: "L1", AgainstUSCC: retailer,
		Category: "quality", Severity: 2, Channel: "12315"}))
	yes := true
	s.must(s.cmds.AcceptComplaint(ctx, regulator, command.AcceptComplaint{ComplaintID: c.ComplaintID}))
	s.must(s.cmds.InvestigateComplaint(ctx, regulator, command.InvestigateComplaint{ComplaintID: c.ComplaintID}))
	s.must(s.cmds.ResolveComplaint(ctx, regulator, command.ResolveComplaint{ComplaintID: c.ComplaintID, Substantiated: &yes, Outcome: "refund"}))
	complained := s.grade(retailer)
	if complained.Score <= penalised.Score || complained.Factors["complaints_per_1000_units"].Value != 1 {
		t.Fatalf("after a substantiated complaint: score %v, factors %+v", complained.Score, complained.Factors)
	}
	// 20 units sold are below the 1,000 floor: 1 per 1,000 → 18 × 0.2;
	// one penalty 6 × 1/3 → 2; CNY 50,000 → 7 × 0.05 → 0.35.
	if complained.Score != 5.95 {
		t.Errorf("score %v, want 5.95", complained.Score)
	}

	// A regulator orders the recall (责令召回): a voluntary one would not
	// force class 4 (TestAVoluntaryLevel1RecallIsNotClass4).
	s.must(s.cmds.StartRecall(ctx, regulator, command.StartRecall{Batches: []command.BatchRef{{GTIN: "6901234567892", Lot: "L1"}},
		Level: 1, Reason: "foreign matter", InitiatedByUSCC: importer}))
	recalled := s.grade(importer)
	if recalled.Grade != 4 || !recalled.Blacklisted || len(recalled.SeriousViolations) != 1 || recalled.SeriousViolations[0].Kind != risk.ViolationLevel1Recall {
		t.Fatalf("the manufacturer after a level-1 recall: %+v", recalled)
	}
	if shop := s.grade(retailer); shop.Grade == 4 {
		t.Errorf("the retailer is class 4 for a recall of another's batch: %+v", shop)
	}
}
