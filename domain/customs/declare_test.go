package customs_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/ident"
)

// declaredBatch answers whether it may be declared with refusal.
type declaredBatch struct{ refusal error }

func (b declaredBatch) DeclarableBy(ident.USCC) error { return b.refusal }

func TestADeclarationFilesOnlyBatchesTheImporterMayDeclare(t *testing.T) {
	const importer = "91310000MA1FL0000N"
	want := declared
	want.ImporterUSCC = importer
	lines := append(append([]customs.Line(nil), declared.Lines...), customs.Line{GTIN: "12312312312333", Lot: "L2", Quantity: 1, HSCode: "0401200000", OriginCountry: "FR"})
	want.Lines = lines
	cases := []struct {
		name    string
		second  declaredBatch
		wantErr error
		field   string
	}{
		{"every batch declarable", declaredBatch{}, nil, ""},
		{"a line's batch is not registered", declaredBatch{domain.NotFound("lot", "batch_not_registered_2", "batch is not registered")}, domain.ErrNotFound, "lines[1].lot"},
		{"a line's batch is domestic", declaredBatch{&domain.RuleError{Kind: domain.ErrConflict, Field: "gtin", Message: "domestic"}}, domain.ErrConflict, "lines[1].gtin"},
	}
	n, _ := ident.ParseDeclarationNo(no)
	u, _ := ident.ParseUSCC(importer)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Loaded(t, customs.Load, "declaration-"+no)
			err := d.Declare(n, declared.Port, u, lines, []customs.Batch{declaredBatch{}, c.second})
			Then(t, d, err, c.wantErr, want)
			if c.field == "" {
				return
			}
			var re *domain.RuleError
			if !errors.As(err, &re) || re.Field != c.field {
				t.Fatalf("error %#v, want one naming %s", err, c.field)
			}
		})
	}
}
