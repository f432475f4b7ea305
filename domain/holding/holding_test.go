package holding_test

import (
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/domain/holding"
)

func TestReturnTakesUnitsFromStockFirstThenFromWhatWasSold(t *testing.T) {
	cases := []struct {
		name      string
		start     holding.Units
		quantity  int64
		destroyed bool
		want      holding.Units
		state     holding.State
	}{
		{"all from stock", holding.Units{Stock: 5, Sold: 2}, 3, false, holding.Units{Stock: 2, Sold: 2, Returned: 3}, holding.Returned},
		{"stock then sold", holding.Units{Stock: 1, Sold: 4}, 3, false, holding.Units{Sold: 2, Returned: 3}, holding.Returned},
		{"all from sold, destroyed", holding.Units{Sold: 4}, 4, true, holding.Units{Destroyed: 4}, holding.Destroyed},
		{"stock below zero gives nothing", holding.Units{Stock: -2, Sold: 3}, 1, false, holding.Units{Stock: -2, Sold: 2, Returned: 1}, holding.Returned},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := c.start
			if st := u.Return(c.quantity, c.destroyed); st != c.state || u != c.want {
				t.Fatalf("got %+v (%d), want %+v (%d)", u, st, c.want, c.state)
			}
		})
	}
}

func TestUnitsMoveBetweenStockAndSold(t *testing.T) {
	var owner, shop holding.Units
	owner.Register(10)
	owner.Label(3)
	owner.Ship(4)
	shop.Receive(4)
	shop.Sell(1)
	if want := (holding.Units{Stock: 3}); owner != want {
		t.Fatalf("owner %+v, want %+v", owner, want)
	}
	if want := (holding.Units{Stock: 3, Sold: 1}); shop != want {
		t.Fatalf("shop %+v, want %+v", shop, want)
	}
}

func TestTalliesCountEachUnitOnceWhereItIsNow(t *testing.T) {
	var ts holding.Tallies
	ts.Of("B").AddUnits(holding.Units{Stock: 2, Sold: 1})
	ts.Of("A").InTransit += 4
	ts.Of("A").AddItem(holding.InStock)
	ts.Of("B").AddItem(holding.Destroyed)
	ts.Of("C") // nothing counted: left out
	want := []holding.Tally{
		{USCC: "A", InStock: 1, InTransit: 4},
		{USCC: "B", InStock: 2, Sold: 1, Destroyed: 1},
	}
	if got := ts.List(); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if got := want[0].Outstanding(); got != 5 {
		t.Fatalf("outstanding %d, want 5", got)
	}
}
