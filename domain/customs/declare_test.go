package customs_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	. "github.com/traceledger/traceledger/domain/aggregate/aggregatetest"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/ident"
)

// declaredBatch is what the declaration learns of a batch.
type declaredBatch struct {
	registered, imported, cleared bool
	owner                         string
}

func (b declaredBatch) Registered() bool { return b.registered }
func (b declaredBatch) Imported() bool   { return b.imported }
func (b declaredBatch) Cleared() bool    { return b.cleared }
func (b declaredBatch) Owner() string    { return b.owner }

func TestDeclareOnlyBatchesTheImporterImportedAndCustomsHasNotCleared(t *testing.T) {
	const importer = "91310000MA1FL0000N"
	want := declared
	want.ImporterUSCC = importer
	ok := declaredBatch{registered: true, imported: true, owner: importer}
	cases := []struct {
		name    string
		batch   declaredBatch
		wantErr error
		field   string
	}{
		{"an imported batch of the importer", ok, nil, ""},
		{"a batch not registered", declaredBatch{}, domain.ErrNotFound, "lines[0].lot"},
		{"a domestic batch", declaredBatch{registered: true, owner: importer}, domain.ErrConflict, "lines[0].gtin"},
		{"a batch already cleared", declaredBatch{registered: true, imported: true, cleared: true, owner: importer}, domain.ErrConflict, "lines[0].lot"},
		{"another importer's batch", declaredBatch{registered: true, imported: true, owner: "91440300MA5DC0000X"}, domain.ErrConflict, "lines[0].lot"},
	}
	n, _ := ident.ParseDeclarationNo(no)
	u, _ := ident.ParseUSCC(importer)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := customs.Load(Given(t, "declaration-"+no))
			if err != nil {
				t.Fatal(err)
			}
			err = d.Declare(n, declared.Port, u, declared.Lines, []customs.Batch{c.batch})
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
