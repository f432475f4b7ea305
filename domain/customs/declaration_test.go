package customs_test

import (
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

const no = "531620261000000001"

var declared = customs.Declared{DeclarationNo: no, Port: "广州南沙港", ImporterUSCC: "91310000MA1FL0000X",
	Lines: []customs.Line{{GTIN: "12312312312333", Lot: "L1", Quantity: 10, HSCode: "0401200000", OriginCountry: "FR"}}}

func TestDeclarationLifecycle(t *testing.T) {
	passed := customs.Inspected{DeclarationNo: no, Result: "pass"}
	failed := customs.Inspected{DeclarationNo: no, Result: "fail", Findings: "label missing"}
	cases := []Case[*customs.Declaration]{
		When("inspect a declaration", []event.Event{declared}, func(d *customs.Declaration) error { return d.Inspect("pass", "") }, nil, []event.Event{passed}),
		When("a failed inspection needs findings", []event.Event{declared}, func(d *customs.Declaration) error { return d.Inspect("fail", "") }, domain.ErrInvalid, nil),
		When("release after a pass", []event.Event{declared, passed}, func(d *customs.Declaration) error { return d.Release("") }, nil, []event.Event{customs.Released{DeclarationNo: no}}),
		When("no release after a failed inspection", []event.Event{declared, failed}, func(d *customs.Declaration) error { return d.Release("") }, domain.ErrConflict, nil),
		When("reject after a failed inspection", []event.Event{declared, failed}, func(d *customs.Declaration) error { return d.Reject("label missing") }, nil, []event.Event{customs.Rejected{DeclarationNo: no, Reason: "label missing"}}),
		When("decided once", []event.Event{declared, customs.Released{DeclarationNo: no}}, func(d *customs.Declaration) error { return d.Reject("late") }, domain.ErrConflict, nil),
		When("no inspection after the decision", []event.Event{declared, customs.Released{DeclarationNo: no}}, func(d *customs.Declaration) error { return d.Inspect("pass", "") }, domain.ErrConflict, nil),
		When("unknown declaration", nil, func(d *customs.Declaration) error { return d.Release("") }, domain.ErrNotFound, nil),
		When("filed once", []event.Event{declared}, func(d *customs.Declaration) error {
			n, _ := ident.ParseDeclarationNo(no)
			u, _ := ident.ParseUSCC("91310000MA1FL0000X")
			return d.Declare(n, "p", u, declared.Lines, nil)
		}, domain.ErrConflict, nil),
	}
	Run(t, customs.Load, "declaration-"+no, cases)
}
