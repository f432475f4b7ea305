package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// riskNames is the directory as the grade routes see it.
type riskNames map[string]string

func (n riskNames) Name(uscc string) string { return n[uscc] }

func riskUSCC(n int) string {
	u, err := ident.NewUSCC("91440101MA0000" + strconv.Itoa(100+n))
	if err != nil {
		panic(err)
	}
	return u.String()
}

var (
	riskMaker = riskUSCC(1)
	riskShop  = riskUSCC(2)
	riskNone  = riskUSCC(3)
)

const (
	riskMakerToken = "tok-risk-maker"
	riskShopToken  = "tok-risk-shop"
)

// riskFixture is the API over a real SQLite ledger, the real command
// handlers and a running projection runner with the risk model: a maker
// ships to a shop that sells; the shop is penalised and complained about;
// the maker recalls its batch at level 1.
type riskFixture struct {
	srv  *httpapi.Server
	head uint64
}

func newRiskFixture(t *testing.T) *riskFixture {
	t.Helper()
	store := sqlitetest.Open(t)
	clock := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	cmds := command.NewHandlers(store, command.Options{Now: func() time.Time { return clock }})
	tok := fakeTokens{}
	for k, v := range tokens {
		tok[k] = v
	}
	tok[riskMakerToken] = access.Actor{Role: access.RoleEnterprise, USCC: riskMaker}
	tok[riskShopToken] = access.Actor{Role: access.RoleEnterprise, USCC: riskShop}
	reg := prometheus.NewRegistry()
	srv, err := httpapi.New(httpapi.Config{Commands: cmds, Tokens: tok, Log: store, Registerer: reg, Gatherer: reg})
	if err != nil {
		t.Fatal(err)
	}
	model := risk.New()
	run := runModels(t, store, model)
	srv.RouteRisk(query.NewGrades(model, riskNames{riskMaker: "Maker Co.", riskShop: "Shop Co."}, run))
	srv.RouteAnalytics(query.NewDashboards(analytics.Embedded{Risk: model}, run))
	srv.RouteBlacklist(query.NewBlacklists(model, riskNames{riskMaker: "Maker Co.", riskShop: "Shop Co."}, run))

	f := &riskFixture{srv: srv}
	ok := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		f.head = max(f.head, out.Head())
		clock = clock.Add(time.Minute)
		return out
	}
	ctx := t.Context()
	reg8r := access.Actor{Role: access.RoleRegulator}
	maker := access.Actor{Role: access.RoleEnterprise, USCC: riskMaker}
	shop := access.Actor{Role: access.RoleEnterprise, USCC: riskShop}
	ok(cmds.RegisterEnterprise(ctx, reg8r, command.RegisterEnterprise{USCC: riskMaker, Name: "Maker", Region: "440100", Roles: []string{"manufacturer"}}))
	ok(cmds.RegisterEnterprise(ctx, reg8r, command.RegisterEnterprise{USCC: riskShop, Name: "Shop", Region: "440100", Roles: []string{"retailer"}}))
	ok(cmds.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: "6901234567892", Name: "Tea", Brand: "B", Spec: "250 g",
		Category: "snacks", OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: riskMaker, ShelfLifeDays: 365}))
	ok(cmds.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: "6901234567892", Lot: "L1", Quantity: 100,
		ProducedOn: "2026-03-01", ExpiresOn: "2027-03-01", OwnerUSCC: riskMaker}))
	sh := ok(cmds.Ship(ctx, maker, command.Ship{FromUSCC: riskMaker, ToUSCC: riskShop, Waybill: "W1",
		Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "L1", Quantity: 50}}}))
	ok(cmds.ConfirmReceipt(ctx, shop, command.ConfirmReceipt{ShipmentID: sh.ShipmentID}))
	ok(cmds.Sell(ctx, shop, command.Sell{SellerUSCC: riskShop, Channel: "retail", Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "L1", Quantity: 20}}}))
	ok(cmds.ImposePenalty(ctx, reg8r, command.ImposePenalty{EnterpriseUSCC: riskShop, Authority: "市场监督管理局", AmountCNY: 50_000, Reason: "labelling"}))
	c := ok(cmds.FileComplaint(ctx, reg8r, command.FileComplaint{GTIN: "6901234567892", AgainstUSCC: riskShop, Category: "quality", Severity: 2, Channel: "12315"}))
	yes := true
	ok(cmds.AcceptComplaint(ctx, reg8r, command.AcceptComplaint{ComplaintID: c.ComplaintID}))
	ok(cmds.InvestigateComplaint(ctx, reg8r, command.InvestigateComplaint{ComplaintID: c.ComplaintID}))
	ok(cmds.ResolveComplaint(ctx, reg8r, command.ResolveComplaint{ComplaintID: c.ComplaintID, Substantiated: &yes, Outcome: "refund"}))
	// A regulator orders the recall: only an ordered level-1 recall forces
	// class 4 (a voluntary one is the factor only).
	ok(cmds.StartRecall(ctx, reg8r, command.StartRecall{Batches: []command.BatchRef{{GTIN: "6901234567892", Lot: "L1"}}, Level: 1,
		Reason: "foreign matter", InitiatedByUSCC: riskMaker}))
	return f
}

// get reads path once the models have the whole scenario.
func (f *riskFixture) get(t *testing.T, path, token string) *httptest.ResponseRecorder {
	t.Helper()
	return readAt(t, f.srv, path, token, f.head)
}

type riskAnswer struct {
	USCC              string                       `json:"uscc"`
	Name              string                       `json:"name"`
	Grade             int                          `json:"grade"`
	Blacklisted       bool                         `json:"blacklisted"`
	Score             float64                      `json:"score"`
	Factors           map[string]query.GradeFactor `json:"factors"`
	SeriousViolations []query.SeriousViolation     `json:"serious_violations"`
	AsOf              time.Time                    `json:"as_of"`
}

func decodeRisk(t *testing.T, rec *httptest.ResponseRecorder) riskAnswer {
	t.Helper()
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var a riskAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRiskRoute(t *testing.T) {
	f := newRiskFixture(t)
	rec := f.get(t, "/api/v1/enterprises/"+riskShop+"/risk?as_of=2026-03-07T00:00:00Z", regToken)
	shop := decodeRisk(t, rec)
	if shop.USCC != riskShop || shop.Name != "Shop Co." || shop.Grade != 1 || shop.Blacklisted || shop.Score != 5.95 {
		t.Errorf("shop = %+v, want Shop Co. at grade 1 with score 5.95", shop)
	}
	if len(shop.Factors) != len(risk.Embedded().Factors) || shop.Factors["penalties"].Contribution != 2 ||
		shop.Factors["complaints_per_1000_units"] != (query.GradeFactor{Value: 1, Normalized: 0.2, Weight: 18, Contribution: 3.6}) {
		t.Errorf("factors %+v", shop.Factors)
	}
	if shop.SeriousViolations == nil || len(shop.SeriousViolations) != 0 {
		t.Errorf("serious_violations = %#v, want []", shop.SeriousViolations)
	}
	if !shop.AsOf.Equal(time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("as_of = %v", shop.AsOf)
	}
	if pos := rec.Header().Get(httpapi.PositionHeader); pos == "" {
		t.Error("no position header")
	}
	// Before the recall's deadline: afterwards it is overdue as well.
	maker := decodeRisk(t, f.get(t, "/api/v1/enterprises/"+riskMaker+"/risk?as_of=2026-03-07", anaToken))
	if maker.Grade != 4 || !maker.Blacklisted || len(maker.SeriousViolations) != 1 || maker.SeriousViolations[0].Kind != risk.ViolationLevel1Recall {
		t.Errorf("maker after a level-1 recall = %+v", maker)
	}
	if own := decodeRisk(t, f.get(t, "/api/v1/enterprises/"+riskShop+"/risk", riskShopToken)); own.USCC != riskShop {
		t.Errorf("own grade = %+v", own)
	}
	if d := decodeRisk(t, f.get(t, "/api/v1/enterprises/"+riskShop+"/risk?as_of=2026-03-07", regToken)); !d.AsOf.Equal(shop.AsOf) {
		t.Errorf("as_of as a date = %v", d.AsOf)
	}

	cases := []struct {
		name, path, token string
		status            int
		code, field       string
	}{
		{"another enterprise's grade", "/api/v1/enterprises/" + riskMaker + "/risk", riskShopToken, 404, "not_found", "uscc"},
		{"an admin", "/api/v1/enterprises/" + riskShop + "/risk", admToken, 403, "forbidden", ""},
		{"a malformed USCC", "/api/v1/enterprises/91440101MA0000101X/risk", regToken, 400, "invalid", "uscc"},
		{"an unknown enterprise", "/api/v1/enterprises/" + riskNone + "/risk", regToken, 404, "not_found", "uscc"},
		{"a malformed as_of", "/api/v1/enterprises/" + riskShop + "/risk?as_of=yesterday", regToken, 400, "invalid", "as_of"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, f.get(t, c.path, c.token), c.status, c.code, c.field)
		})
	}
}
