package httpapi_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/httpapi"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// chain is the scenario recorded through the command handlers on a
// real SQLite ledger, with the trace, recall list and alert routes served
// from a running projection runner: an importer clears and ships to a
// distributor, who ships to two retailers, one of whom sells.
type chain struct {
	recorded
	runner   *runner.Runner
	imp, dst string
	r1, r2   string
	stranger string
	codes    []string
	toR2     string // the distributor's shipment to the second retailer still on its way
	recallID string
}

const (
	chainGTIN = "03017620422003"
	chainLot  = "L2611A"
	chainDecl = "531620261000012345"
)

// directory is the fake directory model: names and contacts.
type directory map[string][2]string

func (d directory) Name(u string) string { return d[u][0] }
func (d directory) Enterprise(u string) (string, string, bool) {
	e, ok := d[u]
	return e[0], e[1], ok
}

func newChain(t *testing.T) *chain {
	t.Helper()
	return newChainWith(t, nil)
}

// newChainWith is newChain whose recall routes name products from products
// (when not nil) and take opts.
func newChainWith(t *testing.T, products query.ProductNames, opts ...httpapi.RecallOption) *chain {
	t.Helper()
	store := sqlitetest.Open(t)
	c := &chain{recorded: recorded{t: t, h: command.NewHandlers(store, command.Options{}), store: store},
		imp: newUSCC(t, "91310000MA1FL0000"), dst: newUSCC(t, "91310000MA1FL0001"),
		r1: newUSCC(t, "91440300MA5DC0000"), r2: newUSCC(t, "91440300MA5DC0001"), stranger: newUSCC(t, "91110105MA0011000")}
	dir := directory{c.imp: {"上海明辉进出口贸易有限公司", "021-55550000"}, c.dst: {"华东食品分销有限公司", "021-66660000"},
		c.r1: {"深圳优选超市有限公司", "0755-1234"}, c.r2: {"广州好邻居便利店", "020-5678"}, c.stranger: {"北京京品商贸有限公司", ""}}
	tr := trace.New()
	rl := recalllist.New(tr)
	c.runner = runModels(t, store, tr, rl)
	c.srv = newFixtureServer(t, store, c.h, c.imp, c.dst, c.r1, c.r2, c.stranger)
	c.srv.RouteTrace(query.NewTraces(tr, dir, c.runner))
	recalls := query.NewRecalls(rl, dir, c.runner)
	if products != nil {
		recalls = recalls.WithProducts(products)
	}
	c.srv.RouteRecalls(recalls, opts...)
	c.srv.RouteAlerts(query.NewAlerts(alert.New(tr, rl, nil), dir, c.runner))
	c.record()
	return c
}

var regulator = access.Actor{Role: access.RoleRegulator}

func lines(q int64) []command.QuantityLine {
	return []command.QuantityLine{{GTIN: chainGTIN, Lot: chainLot, Quantity: q}}
}

func (c *chain) record() {
	ctx, h := c.t.Context(), c.h
	for _, e := range []struct {
		u     string
		roles []string
	}{{c.imp, []string{"importer", "distributor"}}, {c.dst, []string{"distributor"}}, {c.r1, []string{"retailer"}}, {c.r2, []string{"retailer"}}, {c.stranger, []string{"retailer"}}} {
		c.ok(h.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{USCC: e.u, Name: "E " + e.u, Region: "上海", Roles: e.roles}))
	}
	c.ok(h.RegisterProduct(ctx, c.as(c.imp), command.RegisterProduct{GTIN: chainGTIN, Name: "榛子可可酱", Brand: "Nutella", Spec: "750g",
		Category: "休闲食品", OriginCountry: "FR", Manufacturer: "Ferrero France", OwnerUSCC: c.imp, ShelfLifeDays: 365}))
	// Imported goods are received and sold only under an issued certificate.
	valid := true
	c.ok(h.NotifyBarcode(ctx, c.as(c.imp), command.NotifyBarcode{GTIN: chainGTIN, NotifierUSCC: c.imp, RecordNo: "R-1"}))
	c.ok(h.VerifyBarcode(ctx, regulator, command.VerifyBarcode{GTIN: chainGTIN, Valid: &valid}))
	c.ok(h.RegisterBatch(ctx, c.as(c.imp), command.RegisterBatch{GTIN: chainGTIN, Lot: chainLot, Quantity: 100,
		ProducedOn: "2026-10-01", ExpiresOn: "2027-09-30", OwnerUSCC: c.imp}))
	labels := c.ok(h.ApplyLabels(ctx, c.as(c.imp), command.ApplyLabels{GTIN: chainGTIN, Lot: chainLot, OwnerUSCC: c.imp, Count: 10}))
	for _, l := range labels.Labels {
		c.codes = append(c.codes, l.Code)
	}
	c.ok(h.DeclareCustoms(ctx, c.as(c.imp), command.DeclareCustoms{DeclarationNo: chainDecl, Port: "上海洋山港", ImporterUSCC: c.imp,
		Lines: []command.DeclarationLine{{GTIN: chainGTIN, Lot: chainLot, Quantity: 100, HSCode: "1806900000", OriginCountry: "FR"}}}))
	c.ok(h.InspectCustoms(ctx, regulator, command.InspectCustoms{DeclarationNo: chainDecl, Result: "pass"}))
	c.ok(h.DecideRelease(ctx, regulator, command.DecideRelease{DeclarationNo: chainDecl, Decision: "released"}))
	ship := func(from, to, waybill string, items []string, q int64, receive bool) string {
		out := c.ok(h.Ship(ctx, c.as(from), command.Ship{FromUSCC: from, ToUSCC: to, Waybill: waybill, Items: items, Lines: lines(q)}))
		if receive {
			c.ok(h.ConfirmReceipt(ctx, c.as(to), command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
		}
		return out.ShipmentID
	}
	ship(c.imp, c.dst, "SF1001", c.codes, 70, true)
	ship(c.dst, c.r1, "SF2001", c.codes[:6], 30, true)
	ship(c.dst, c.r2, "SF2002", c.codes[6:9], 20, true)
	c.toR2 = ship(c.dst, c.r2, "SF2003", nil, 5, false)
	c.ok(h.Sell(ctx, c.as(c.r1), command.Sell{SellerUSCC: c.r1, Channel: "门店零售", Items: c.codes[:2], Lines: lines(10)}))
	out := c.ok(h.StartRecall(ctx, regulator, command.StartRecall{Batches: []command.BatchRef{{GTIN: chainGTIN, Lot: chainLot}},
		Level: 1, Reason: "沙门氏菌", InitiatedByUSCC: c.imp}))
	c.recallID = out.RecallID
}

// returns: the second retailer receives the goods that were on their way;
// the first returns its stock and 5 of the 10 unlabelled units it sold;
// the second destroys everything it holds.
func (c *chain) returns() {
	ctx, h := c.t.Context(), c.h
	c.ok(h.ConfirmReceipt(ctx, c.as(c.r2), command.ConfirmReceipt{ShipmentID: c.toR2}))
	c.ok(h.RecordRecallReturn(ctx, c.as(c.r1), command.RecordRecallReturn{RecallID: c.recallID, HolderUSCC: c.r1, Items: c.codes[2:6], Disposition: "returned"}))
	c.ok(h.RecordRecallReturn(ctx, c.as(c.r1), command.RecordRecallReturn{RecallID: c.recallID, HolderUSCC: c.r1, Quantity: 25, Disposition: "returned"}))
	c.ok(h.RecordRecallReturn(ctx, c.as(c.r2), command.RecordRecallReturn{RecallID: c.recallID, HolderUSCC: c.r2, Items: c.codes[6:9], Quantity: 25, Disposition: "destroyed"}))
}

var later = time.Now().AddDate(0, 2, 0).UTC().Format(time.RFC3339)
