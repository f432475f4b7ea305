package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// traceLedger records a domestic batch made by a manufacturer, shipped to
// a shop (received) that sells part of it.
func traceLedger(t *testing.T) (data, maker, shop string) {
	t.Helper()
	data = t.TempDir()
	store, err := sqlite.Open(t.Context(), filepath.Join(data, ledgerFile), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	// The ledger's clock reads a day in the batch's shelf life: expired
	// goods are not sold.
	clock := func() time.Time { return time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC) }
	h := command.NewHandlers(store, command.Options{Now: clock})
	ctx, reg := t.Context(), access.Actor{Role: access.RoleRegulator}
	maker, shop = newUSCC(t, "91330100MA2H00000"), newUSCC(t, "91330100MA2H00001")
	steps := []func() (command.Outcome, error){
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: maker, Name: "杭州味全食品有限公司", Region: "浙江", Roles: []string{"manufacturer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: shop, Name: "联华超市", Region: "浙江", Roles: []string{"retailer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterProduct(ctx, reg, command.RegisterProduct{GTIN: "6901234567892", Name: "酸奶", Brand: "味全", Spec: "200g", Category: "乳制品",
				OriginCountry: "CN", Manufacturer: "味全", OwnerUSCC: maker, ShelfLifeDays: 21})
		},
		func() (command.Outcome, error) {
			return h.RegisterBatch(ctx, reg, command.RegisterBatch{GTIN: "6901234567892", Lot: "Y1", Quantity: 50, ProducedOn: "2026-05-01", ExpiresOn: "2026-05-22", OwnerUSCC: maker})
		},
	}
	for _, s := range steps {
		if _, err := s(); err != nil {
			t.Fatal(err)
		}
	}
	out, err := h.Ship(ctx, reg, command.Ship{FromUSCC: maker, ToUSCC: shop, Waybill: "ZTO1", Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "Y1", Quantity: 30}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.ConfirmReceipt(ctx, reg, command.ConfirmReceipt{ShipmentID: out.ShipmentID}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Sell(ctx, reg, command.Sell{SellerUSCC: shop, Channel: "门店", Lines: []command.QuantityLine{{GTIN: "6901234567892", Lot: "Y1", Quantity: 4}}}); err != nil {
		t.Fatal(err)
	}
	return data, maker, shop
}

func TestTraceCommand(t *testing.T) {
	data, maker, shop := traceLedger(t)
	var out, errb bytes.Buffer
	code := runTrace(t.Context(), testEnv(&out, &errb, nil), []string{"--data", data, "--gtin", "6901234567892", "--lot", "Y1"})
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Batch 06901234567892 / Y1 (downstream)", maker, "联华超市", "total of 50", shop} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	out.Reset()
	code = runTrace(t.Context(), testEnv(&out, &errb, nil), []string{"--data", data, "--gtin", "6901234567892", "--lot", "Y1", "--json", "--direction", "upstream"})
	var tr query.TraceGraph
	if err := json.Unmarshal(out.Bytes(), &tr); code != exitOK || err != nil {
		t.Fatalf("exit %d, %v: %s", code, err, out.String())
	}
	if tr.Direction != "upstream" || tr.Upstream == nil || tr.Upstream.Source.Role != "manufacturer" || tr.Upstream.Source.Name != "杭州味全食品有限公司" {
		t.Fatalf("upstream %+v", tr.Upstream)
	}
	got := map[string]query.TraceHolder{}
	for _, h := range tr.Holders {
		got[h.USCC] = h
	}
	if got[maker].InStock != 20 || got[shop].InStock != 26 || got[shop].Sold != 4 {
		t.Fatalf("holders %+v", tr.Holders)
	}
}

func TestTraceCommandRefusals(t *testing.T) {
	data, _, _ := traceLedger(t)
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no gtin", []string{"--data", data, "--lot", "Y1"}, exitUsage, "--gtin"},
		{"bad lot", []string{"--data", data, "--gtin", "6901234567892", "--lot", "a b"}, exitUsage, "--lot"},
		{"bad direction", []string{"--data", data, "--gtin", "6901234567892", "--lot", "Y1", "--direction", "up"}, exitUsage, "--direction"},
		{"unknown batch", []string{"--data", data, "--gtin", "6901234567892", "--lot", "Y2"}, exitFailure, "not registered"},
		{"no ledger", []string{"--data", t.TempDir(), "--gtin", "6901234567892", "--lot", "Y1"}, exitFailure, "traceledger trace:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runTrace(t.Context(), testEnv(&out, &errb, nil), c.args)
			if code != c.code || !strings.Contains(errb.String(), c.says) {
				t.Fatalf("exit %d, stderr %q; want %d mentioning %q", code, errb.String(), c.code, c.says)
			}
		})
	}
}
