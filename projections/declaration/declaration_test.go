package declaration_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/declaration"
	"github.com/traceledger/traceledger/projections/runner"
)

func env(pos uint64, e event.Event) runner.Envelope {
	return runner.Envelope{Record: event.Record{Position: pos, Metadata: event.Metadata{OccurredAt: time.Date(2026, 1, int(pos), 0, 0, 0, 0, time.UTC)}}, Event: e}
}

func TestDeclarationFold(t *testing.T) {
	const no = "531620261000000001"
	p := declaration.New()
	lines := []customs.Line{{GTIN: "03017620422003", Lot: "L1", Quantity: 10, HSCode: "1806900000", OriginCountry: "FR"}}
	err := p.Apply([]runner.Envelope{
		env(1, customs.Declared{DeclarationNo: no, Port: "上海洋山港", ImporterUSCC: "U", Lines: lines}),
		env(2, customs.Inspected{DeclarationNo: no, Result: "fail", Findings: "标签缺失"}),
		env(3, customs.Rejected{DeclarationNo: no, Reason: "标签缺失"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	v, ok := p.Get(no)
	if !ok || v.Port != "上海洋山港" || len(v.Lines) != 1 || len(v.Inspections) != 1 || v.Inspections[0].Result != "fail" ||
		v.Decision != "rejected" || v.DecidedAt == nil || v.DecidedAt.Day() != 3 {
		t.Fatalf("declaration = %+v", v)
	}
	if _, ok := p.Get("531620261000000002"); ok {
		t.Fatal("an unknown declaration was found")
	}
	var a, b bytes.Buffer
	if err := p.Snapshot(&a); err != nil {
		t.Fatal(err)
	}
	q := declaration.New()
	if err := q.Restore(bytes.NewReader(a.Bytes())); err != nil {
		t.Fatal(err)
	}
	if err := q.Snapshot(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("snapshot does not round-trip")
	}
}

func TestTheDeclarationListHoldsEveryDeclarationAsCopies(t *testing.T) {
	p := declaration.New()
	lines := []customs.Line{{GTIN: "03017620422003", Lot: "L1", Quantity: 10, HSCode: "1806900000", OriginCountry: "FR"}}
	if err := p.Apply([]runner.Envelope{
		env(1, customs.Declared{DeclarationNo: "531620261000000001", Port: "上海洋山港", ImporterUSCC: "U", Lines: lines}),
		env(2, customs.Declared{DeclarationNo: "531620261000000002", Port: "广州南沙港", ImporterUSCC: "V", Lines: lines}),
		env(3, customs.Released{DeclarationNo: "531620261000000002"}),
	}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range p.Declarations() {
		got[d.DeclarationNo] = d.Port + "/" + d.Decision
		d.Lines[0].Lot = "changed"
	}
	if len(got) != 2 || got["531620261000000001"] != "上海洋山港/" || got["531620261000000002"] != "广州南沙港/released" {
		t.Fatalf("listed %v", got)
	}
	if v, _ := p.Get("531620261000000001"); v.Lines[0].Lot != "L1" {
		t.Fatal("the list shares its lines with the model")
	}
}
