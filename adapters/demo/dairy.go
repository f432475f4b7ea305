package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/ident"
)

// The dairy chain: a ranch ships a lot of raw milk to a dairy, which makes
// two lots of infant formula of it (a transformation), labels cans, packs
// them in cases on pallets and ships two pallets (one SSCC each) to a
// distributor, who unpacks one. The ranch then recalls the raw milk, and the
// recall reaches both formula lots and their holders. It runs as its own
// chain after the trade, with its own enterprises and products, so the rest
// of the data set is unchanged.
const (
	dairyMilkUnits    = 2000
	dairyFormulaUnits = 600
	dairyCasesPerLot  = 4 // cases of dairyCanPerCase labelled cans, two per pallet
	dairyCanPerCase   = 6
	// dairyProducts are the chain's products, both domestic: no certificate.
	dairyProducts = 2
)

// dairyStep is one command of the dairy chain: k counts it in the summary
// (n units), or, when k is negative, it only counts its events.
type dairyStep struct {
	what string
	k    kind
	n    int
	do   func(ctx context.Context, x *runner) (command.Outcome, error)
}

func (s dairyStep) run(ctx context.Context, x *runner) error {
	out, err := s.do(ctx, x)
	if err != nil {
		return fmt.Errorf("dairy chain: %s: %w", s.what, err)
	}
	if s.k < 0 {
		x.events.Add(uint64(len(out.Events)))
		return nil
	}
	x.record(s.k, s.n, out)
	return nil
}

// planDairy writes the dairy chain.
func (p *plan) planDairy() error {
	r := rng(p.seed, "dairy")
	seen, used := map[string]bool{}, map[string]bool{}
	for _, f := range p.firms {
		seen[f.uscc] = true
	}
	for _, pr := range p.products {
		used[pr.gtin] = true
	}
	newFirm := func(name, role string) (*firm, error) {
		f := &firm{name: name, roles: []string{role}, food: true, region: regionFor(r, role), since: p.today.AddDate(0, 0, -900)}
		u, err := newUSCC(r, f.region, seen)
		f.uscc, f.contact = u, "400-800-"+fmt.Sprintf("%04d", r.IntN(10000))
		return f, err
	}
	ranch, err := newFirm("呼伦贝尔草原牧场有限公司", "manufacturer")
	if err != nil {
		return err
	}
	dairy, err := newFirm("黑龙江北纬乳业有限公司", "manufacturer")
	if err != nil {
		return err
	}
	dist, err := newFirm("华北母婴食品分销有限公司", "distributor")
	if err != nil {
		return err
	}
	milk, err := newGTIN(r, "6937"+fmt.Sprintf("%03d", r.IntN(1000)), used)
	if err != nil {
		return err
	}
	formula, err := newGTIN(r, "6937"+fmt.Sprintf("%03d", r.IntN(1000)), used)
	if err != nil {
		return err
	}
	d0 := p.today.AddDate(0, 0, -30).Add(9 * time.Hour)
	day := func(n, h int) time.Time { return d0.AddDate(0, 0, n).Add(time.Duration(h) * time.Hour) }
	lotMilk, lotsFormula := "RM"+date(d0)[2:4]+date(d0)[5:7]+date(d0)[8:10], []string{"IF" + date(day(2, 0))[5:7] + date(day(2, 0))[8:10] + "A", "IF" + date(day(2, 0))[5:7] + date(day(2, 0))[8:10] + "B"}
	var steps []step
	add := func(what string, k kind, n int, do func(ctx context.Context, x *runner) (command.Outcome, error)) {
		steps = append(steps, dairyStep{what: what, k: k, n: n, do: do})
	}
	for _, f := range []*firm{ranch, dairy, dist} {
		add("register "+f.name, kEnterprise, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
			return x.cmds.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{Common: at(f.since), USCC: f.uscc, Name: f.name,
				Region: f.region.name, Roles: f.roles, FoodOperator: true, Contact: f.contact})
		})
	}
	add("register raw milk", kProduct, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.RegisterProduct(ctx, ranch.actor(), command.RegisterProduct{Common: at(day(-60, 0)), GTIN: milk, Name: "生牛乳（收奶罐）",
			Brand: "草原牧场", Spec: "1kg", Category: catDairy, OriginCountry: "CN", Manufacturer: ranch.name, OwnerUSCC: ranch.uscc, ShelfLifeDays: 7})
	})
	add("register formula", kProduct, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.RegisterProduct(ctx, dairy.actor(), command.RegisterProduct{Common: at(day(-60, 1)), GTIN: formula, Name: "婴儿配方奶粉（0-6月龄，1段）",
			Brand: "北纬", Spec: "800g/罐", Category: catInfant, OriginCountry: "CN", Manufacturer: dairy.name, OwnerUSCC: dairy.uscc, ShelfLifeDays: 540})
	})
	add("register raw milk lot", kBatch, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.RegisterBatch(ctx, ranch.actor(), command.RegisterBatch{Common: at(day(0, 0)), GTIN: milk, Lot: lotMilk, Quantity: dairyMilkUnits,
			ProducedOn: date(day(0, 0)), ExpiresOn: date(day(7, 0)), OwnerUSCC: ranch.uscc})
	})
	var milkShipment string
	add("ship raw milk", kShipment, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		out, err := x.cmds.Ship(ctx, ranch.actor(), command.Ship{Common: at(day(0, 3)), FromUSCC: ranch.uscc, ToUSCC: dairy.uscc, Waybill: "LL" + milk[7:12] + "01",
			Lines: []command.QuantityLine{{GTIN: milk, Lot: lotMilk, Quantity: dairyMilkUnits}}})
		milkShipment = out.ShipmentID
		return out, err
	})
	add("receive raw milk", kReceipt, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.ConfirmReceipt(ctx, dairy.actor(), command.ConfirmReceipt{Common: at(day(0, 8)), ShipmentID: milkShipment})
	})
	for _, lot := range lotsFormula {
		add("register formula lot "+lot, kBatch, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
			return x.cmds.RegisterBatch(ctx, dairy.actor(), command.RegisterBatch{Common: at(day(1, 0)), GTIN: formula, Lot: lot, Quantity: dairyFormulaUnits,
				ProducedOn: date(day(1, 0)), ExpiresOn: date(day(1, 0).AddDate(0, 0, 540)), OwnerUSCC: dairy.uscc})
		})
	}
	add("transform raw milk into formula", -1, 0, func(ctx context.Context, x *runner) (command.Outcome, error) {
		outs := make([]command.BatchRef, len(lotsFormula))
		for i, l := range lotsFormula {
			outs[i] = command.BatchRef{GTIN: formula, Lot: l}
		}
		return x.cmds.RecordTransformation(ctx, dairy.actor(), command.RecordTransformation{Common: at(day(1, 2)), TransformerUSCC: dairy.uscc,
			Inputs: []command.QuantityLine{{GTIN: milk, Lot: lotMilk, Quantity: dairyMilkUnits}}, Outputs: outs, Note: "喷雾干燥、配料、灌装"})
	})
	sscc := func(n int) string {
		body := "0" + formula[1:8] + fmt.Sprintf("%09d", n)
		c, _ := ident.CheckDigit(body)
		return body + string(c)
	}
	var pallets []string
	for li, lot := range lotsFormula {
		serials := make([]string, dairyCasesPerLot*dairyCanPerCase)
		codes := make([]string, len(serials))
		for i := range serials {
			serials[i] = fmt.Sprintf("%c%05d", 'A'+li, i+1)
			codes[i] = "/01/0" + formula + "/10/" + lot + "/21/" + serials[i]
		}
		add("label formula lot "+lot, kLabel, len(serials), func(ctx context.Context, x *runner) (command.Outcome, error) {
			return x.cmds.ApplyLabels(ctx, dairy.actor(), command.ApplyLabels{Common: at(day(2, 0)), GTIN: formula, Lot: lot, OwnerUSCC: dairy.uscc, Serials: serials})
		})
		var cases []string
		for c := range dairyCasesPerLot {
			cs := sscc(100*li + c + 1)
			cases = append(cases, cs)
			items := codes[c*dairyCanPerCase : (c+1)*dairyCanPerCase]
			add("pack case "+cs, -1, 0, func(ctx context.Context, x *runner) (command.Outcome, error) {
				return x.cmds.PackContainer(ctx, dairy.actor(), command.PackContainer{Common: at(day(2, 2)), SSCC: cs, HolderUSCC: dairy.uscc, Items: items})
			})
		}
		for k := 0; k < len(cases); k += 2 {
			pl := sscc(100*li + 50 + k)
			pallets = append(pallets, pl)
			inner := cases[k : k+2]
			add("pack pallet "+pl, -1, 0, func(ctx context.Context, x *runner) (command.Outcome, error) {
				return x.cmds.PackContainer(ctx, dairy.actor(), command.PackContainer{Common: at(day(2, 3)), SSCC: pl, HolderUSCC: dairy.uscc, Containers: inner})
			})
		}
	}
	for i, pl := range pallets[:2] {
		var id string
		add("ship pallet "+pl, kShipment, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
			out, err := x.cmds.Ship(ctx, dairy.actor(), command.Ship{Common: at(day(3+i, 0)), FromUSCC: dairy.uscc, ToUSCC: dist.uscc,
				Waybill: fmt.Sprintf("SF%s%02d", formula[7:12], i+1), Containers: []string{pl}})
			id = out.ShipmentID
			return out, err
		})
		add("receive pallet "+pl, kReceipt, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
			return x.cmds.ConfirmReceipt(ctx, dist.actor(), command.ConfirmReceipt{Common: at(day(3+i, 6)), ShipmentID: id})
		})
	}
	add("unpack pallet "+pallets[1], -1, 0, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.UnpackContainer(ctx, dist.actor(), command.UnpackContainer{Common: at(day(5, 0)), SSCC: pallets[1], HolderUSCC: dist.uscc})
	})
	add("recall raw milk", kRecall, 1, func(ctx context.Context, x *runner) (command.Outcome, error) {
		return x.cmds.StartRecall(ctx, ranch.actor(), command.StartRecall{Common: at(day(12, 0)), Batches: []command.BatchRef{{GTIN: milk, Lot: lotMilk}},
			Level: 2, Reason: "生乳黄曲霉毒素M1检测值超出限量", InitiatedByUSCC: ranch.uscc, HazardKnownAt: day(11, 6).UTC().Format(time.RFC3339),
			Hazard: "黄曲霉毒素M1超标", Scope: "该批生乳及以其为原料生产的全部婴儿配方奶粉", Measures: "停止销售，封存并退回", Contact: ranch.contact})
	})
	p.dairy = steps
	p.dairyMilk = [2]string{"0" + milk, lotMilk}
	return nil
}
