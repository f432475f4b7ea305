package httpapi_test

import (
	"encoding/json"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/certificate"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// histLedger is the scenario recorded through the command handlers
// on a real SQLite ledger, with the history and certificate routes served
// from a running projection runner: an importer labels, clears and ships
// four items to a distributor, who ships two to each of two retailers; the
// second, an e-commerce seller, sells one.
type histLedger struct {
	recorded
	imp, dst, shopA, shopB string
	stranger               string
	codes                  []string // Digital Links of serials A001..A004
}

const (
	histGTIN = "03017620422003"
	histLot  = "L2025A"
	histDecl = "531620251000054321"
)

var histSerials = []string{"A001", "A002", "A003", "A004"}

// histExtra extends the fixture: more read models for its runner, options
// for its history routes, and more routes.
type histExtra struct {
	projections []runner.Projection
	historyOpts []httpapi.HistoryOption
	route       func(srv *httpapi.Server, rn *runner.Runner)
}

func newHistLedger(t testing.TB, extras ...histExtra) *histLedger {
	t.Helper()
	store := sqlitetest.Open(t)
	l := &histLedger{recorded: recorded{t: t, h: command.NewHandlers(store, command.Options{}), store: store},
		imp: newUSCC(t, "91310000MA1HT0000"), dst: newUSCC(t, "91310000MA1HT0001"),
		shopA: newUSCC(t, "91440300MA5HT0000"), shopB: newUSCC(t, "91440300MA5HT0001"),
		stranger: newUSCC(t, "91110105MA00HT000")}
	disk, err := modelstore.Open("", modelstore.Options{CacheBytes: 8 << 20, MemTableBytes: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { disk.Close() })
	hist, err := history.New(disk.Model("history"))
	if err != nil {
		t.Fatal(err)
	}
	cert := certificate.New()
	models := []runner.Projection{hist, cert}
	var historyOpts []httpapi.HistoryOption
	for _, x := range extras {
		models = append(models, x.projections...)
		historyOpts = append(historyOpts, x.historyOpts...)
	}
	rn := runModels(t, store, models...)
	l.srv = newFixtureServer(t, store, l.h, l.imp, l.dst, l.shopA, l.shopB, l.stranger)
	l.srv.RouteHistories(query.NewHistories(hist, store, rn), store, historyOpts...)
	l.srv.RouteCertificates(query.NewCertificates(cert, rn))
	for _, x := range extras {
		if x.route != nil {
			x.route(l.srv, rn)
		}
	}
	l.record()
	return l
}

func (l *histLedger) record() {
	ctx, h, reg := l.t.Context(), l.h, access.Actor{Role: access.RoleRegulator}
	for _, e := range []struct {
		u, name string
		roles   []string
	}{{l.imp, "明辉进出口", []string{"importer"}}, {l.dst, "华东分销", []string{"distributor"}},
		{l.shopA, "优选超市", []string{"retailer"}}, {l.shopB, "好邻居网店", []string{"retailer", "ecommerce"}},
		{l.stranger, "京品商贸", []string{"retailer"}}} {
		l.ok(h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: e.u, Name: e.name, Region: "440100", Roles: e.roles,
			Contact: "020-0000"}))
	}
	l.ok(h.RegisterProduct(ctx, l.as(l.imp), command.RegisterProduct{GTIN: histGTIN, Name: "榛子可可酱", Brand: "Nutella",
		Spec: "750g", Category: "休闲食品", OriginCountry: "FR", Manufacturer: "Ferrero France", OwnerUSCC: l.imp, ShelfLifeDays: 365}))
	l.ok(h.NotifyBarcode(ctx, l.as(l.imp), command.NotifyBarcode{GTIN: histGTIN, NotifierUSCC: l.imp, RecordNo: "BA2025001"}))
	valid := true
	l.ok(h.VerifyBarcode(ctx, reg, command.VerifyBarcode{GTIN: histGTIN, Valid: &valid}))
	l.ok(h.RegisterBatch(ctx, l.as(l.imp), command.RegisterBatch{GTIN: histGTIN, Lot: histLot, Quantity: 10,
		ProducedOn: "2025-01-10", ExpiresOn: "2027-01-09", OwnerUSCC: l.imp}))
	labels := l.ok(h.ApplyLabels(ctx, l.as(l.imp), command.ApplyLabels{GTIN: histGTIN, Lot: histLot, OwnerUSCC: l.imp, Serials: histSerials}))
	for _, lb := range labels.Labels {
		l.codes = append(l.codes, lb.Code)
	}
	l.ok(h.DeclareCustoms(ctx, l.as(l.imp), command.DeclareCustoms{DeclarationNo: histDecl, Port: "广州南沙港", ImporterUSCC: l.imp,
		Lines: []command.DeclarationLine{{GTIN: histGTIN, Lot: histLot, Quantity: 10, HSCode: "1806900000", OriginCountry: "FR"}}}))
	l.ok(h.InspectCustoms(ctx, reg, command.InspectCustoms{DeclarationNo: histDecl, Result: "pass"}))
	l.ok(h.DecideRelease(ctx, reg, command.DecideRelease{DeclarationNo: histDecl, Decision: "released"}))
	ship := func(from, to, waybill string, items []string) {
		out := l.ok(h.Ship(ctx, l.as(from), command.Ship{FromUSCC: from, ToUSCC: to, Waybill: waybill, Items: items}))
		l.ok(h.ConfirmReceipt(ctx, l.as(to), command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	}
	ship(l.imp, l.dst, "SF1001", l.codes)
	ship(l.dst, l.shopA, "SF2001", l.codes[:2])
	ship(l.dst, l.shopB, "SF2002", l.codes[2:])
	l.ok(h.Sell(ctx, l.as(l.shopB), command.Sell{SellerUSCC: l.shopB, Channel: "天猫国际", Items: l.codes[2:3]}))
}

// log reads the whole log, to check histories against it.
func (l *histLedger) log() []event.Record {
	l.t.Helper()
	recs, err := l.store.ReadAll(l.t.Context(), 0, 1<<20)
	if err != nil {
		l.t.Fatal(err)
	}
	return recs
}

// histEvent is an event as the history routes answer it.
type histEvent struct {
	Position uint64          `json:"position"`
	EventID  string          `json:"event_id"`
	Stream   string          `json:"stream"`
	Version  uint64          `json:"version"`
	Type     string          `json:"type"`
	Occurred string          `json:"occurred_at"`
	Recorded string          `json:"recorded_at"`
	Actor    map[string]any  `json:"actor"`
	Data     json.RawMessage `json:"data"`
	Hash     string          `json:"hash"`
}

type histItemAnswer struct {
	Code   string         `json:"code"`
	Card   map[string]any `json:"card"`
	Events []histEvent    `json:"events"`
}

type histPageAnswer struct {
	Events []histEvent `json:"events"`
	Next   *string     `json:"next"`
}

// A second lot of the same GTIN, for a serial labelled in two lots.
func commandBatch(owner string) command.RegisterBatch {
	return command.RegisterBatch{GTIN: histGTIN, Lot: "L2025B", Quantity: 1, ProducedOn: "2025-02-01", ExpiresOn: "2027-02-01", OwnerUSCC: owner}
}

func commandLabels(owner string, serials ...string) command.ApplyLabels {
	return command.ApplyLabels{GTIN: histGTIN, Lot: "L2025B", OwnerUSCC: owner, Serials: serials}
}
