// Package batchtest drives the batch aggregate through random histories,
// for tests that check a read model's fold against the aggregate's own.
package batchtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Holders are the enterprises a random history moves units between; the
// first one owns the batch.
var Holders = func() []ident.USCC {
	out := make([]ident.USCC, 5)
	for i := range out {
		u, err := ident.NewUSCC(fmt.Sprintf("91310000MA1K%05d", i))
		if err != nil {
			panic(err)
		}
		out[i] = u
	}
	return out
}()

// Spec is the batch a random history registers: quantity unlabelled units
// owned by Holders[0].
func Spec(quantity int64) batch.Spec {
	g, _ := ident.ParseGTIN("6901234567892")
	l, _ := ident.ParseLot("L1")
	q, _ := ident.NewQuantity(quantity)
	c, _ := ident.ParseCountry("CN")
	return batch.Spec{GTIN: g, Lot: l, Quantity: q, ProducedOn: time.Now(), ExpiresOn: time.Now(), Owner: Holders[0], Origin: c}
}

// Random registers a batch of quantity units and tries steps random
// commands on it (labels, partial shipments, receipts by the addressee and
// by the wrong holder, sales, a recall, returns and destructions from stock
// and from sales, withdrawals from sale and disposals of withdrawn units);
// the aggregate refuses what breaks its rules. After each
// step, step is called with the batch and the events that step raised (the
// first call's include the registration).
func Random(seed uint64, quantity int64, steps int, step func(n int, b *batch.Batch, raised []event.Event)) error {
	rnd := rand.New(rand.NewPCG(seed, 7))
	b, err := batch.Load(nil)
	if err != nil {
		return err
	}
	if err := b.Register(Spec(quantity)); err != nil {
		return err
	}
	fed, serials := 0, 0
	var shipments []string
	for n := range steps {
		from, to := Holders[rnd.IntN(len(Holders))], Holders[rnd.IntN(len(Holders))]
		var units batch.Units
		if rnd.IntN(2) == 0 {
			units.Quantity = int64(rnd.IntN(5))
		}
		for range rnd.IntN(3) {
			// Commands refuse an item given twice (batch.NewGoods).
			if s := fmt.Sprint(rnd.IntN(serials + 1)); !slices.Contains(units.Serials, s) {
				units.Serials = append(units.Serials, s)
			}
		}
		switch op := rnd.IntN(12); {
		case op == 0:
			var ss []ident.Serial
			for range rnd.IntN(4) + 1 {
				s, err := ident.ParseSerial(fmt.Sprint(serials))
				if err != nil {
					return err
				}
				ss = append(ss, s)
				serials++
			}
			_ = b.Label(from, ss)
		case op <= 3:
			id := fmt.Sprint("s", n)
			if b.Ship(id, from, to, "WB"+id, units) == nil {
				shipments = append(shipments, id)
			}
		case op <= 5 && len(shipments) > 0:
			id := shipments[rnd.IntN(len(shipments))]
			_ = b.Receive(id, to, batch.ReceiptTerms{})
			_ = b.Receive(id, from, batch.ReceiptTerms{})
		case op <= 7:
			_ = b.Sell(from, "retail", units, batch.SaleTerms{})
		case op == 8:
			_ = b.Recall("r1", 1, access.Actor{Role: access.RoleRegulator})
		case op == 10:
			_ = b.Withdraw(from, batch.ReasonExpired, "", "", units)
		case op == 11:
			// Some of what the holder has withdrawn: random units rarely are.
			w := b.WithdrawnAt(from)
			units = batch.Units{Quantity: rnd.Int64N(w.Quantity + 1), Serials: w.Serials[:rnd.IntN(len(w.Serials)+1)]}
			if rnd.IntN(2) == 0 {
				_ = b.Dispose(from, batch.DispositionDestroyed, "", units)
			} else {
				_ = b.Dispose(from, batch.DispositionReturnedToSupplier, to.String(), units)
			}
		default:
			disp := batch.DispositionReturned
			if rnd.IntN(2) == 0 {
				disp = batch.DispositionDestroyed
			}
			_ = b.Return("r1", from, disp, units)
		}
		raised := b.Changes()[fed:]
		fed += len(raised)
		step(n, b, raised)
	}
	return nil
}
