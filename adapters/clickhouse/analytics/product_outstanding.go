package analytics

import (
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/runner"
)

// ProductOutstandingTable is the derived table "product_outstanding": each
// GTIN's owner, notifier, stored certificate status and valid_to, and its
// units in stock or in transit over all batches and holders, one row
// whenever any of them changes. argMax(column, position) per GTIN is the
// product's state, which decides certificates_expired_in_use
// (docs/grading.md): issued, valid_to before today, units outstanding.
//
// Outstanding units are a fold over every goods event (returns depend on
// what was sold before), which SQL without window functions cannot do.
type ProductOutstandingTable struct {
	units    *units
	products map[string]*productState
}

type productState struct {
	owner, notifier, status, validTo string
	outstanding                      int64
}

// NewProductOutstandingTable returns the table with an empty fold.
func NewProductOutstandingTable() *ProductOutstandingTable {
	t := &ProductOutstandingTable{}
	t.Reset()
	return t
}

// Name is the table's name in the sink's database.
func (t *ProductOutstandingTable) Name() string { return "product_outstanding" }

// Migrations create the table; #2 empties it to be folded again when
// disposals began to take units out of the holder's stock (as
// RecallHoldersTable's).
func (t *ProductOutstandingTable) Migrations() []string {
	return []string{`CREATE TABLE IF NOT EXISTS {db}.product_outstanding (
	position UInt64,
	gtin String,
	owner String,
	notifier String,
	status String,
	valid_to String,
	outstanding Int64
) ENGINE = ReplacingMergeTree(position) ORDER BY gtin`,
		`TRUNCATE TABLE IF EXISTS {db}.product_outstanding`}
}

// Columns are the insert's columns, in Fold's row order.
func (t *ProductOutstandingTable) Columns() []string {
	return []string{"position", "gtin", "owner", "notifier", "status", "valid_to", "outstanding"}
}

// Reset empties the fold.
func (t *ProductOutstandingTable) Reset() {
	t.units, t.products = newUnits(), map[string]*productState{}
}

// Fold follows certificates and units and answers the product's new state
// when it changed.
func (t *ProductOutstandingTable) Fold(env runner.Envelope) [][]any {
	var gtin string
	var delta int64
	switch ev := env.Event.(type) {
	case product.Registered:
		gtin = ev.GTIN
		t.product(gtin).owner = ev.OwnerUSCC
	case product.BarcodeNotified:
		gtin = ev.GTIN
		p := t.product(gtin)
		p.notifier, p.status = ev.NotifierUSCC, string(product.StatusNotified)
	case product.CertificateIssued:
		gtin = ev.GTIN
		p := t.product(gtin)
		p.status, p.validTo = string(product.StatusIssued), ev.ValidTo
	case product.CertificateRenewed:
		gtin = ev.GTIN
		t.product(gtin).validTo = ev.ValidTo
	case product.CertificateAmended:
		gtin = ev.GTIN
		if h, ok := ev.Changed(product.FieldHolder); ok {
			t.product(gtin).notifier = h
		}
	case product.CertificateRejected:
		gtin = ev.GTIN
		t.product(gtin).status = string(product.StatusRejected)
	case product.CertificateRevoked:
		gtin = ev.GTIN
		t.product(gtin).status = string(product.StatusRevoked)
	default:
		m, ok := t.units.apply(env.Event)
		if !ok || m.delta == 0 {
			return nil
		}
		gtin, delta = m.lot.gtin, m.delta
		t.product(gtin).outstanding += delta
	}
	p := t.products[gtin]
	return [][]any{{env.Position, gtin, p.owner, p.notifier, p.status, p.validTo, p.outstanding}}
}

func (t *ProductOutstandingTable) product(gtin string) *productState {
	p := t.products[gtin]
	if p == nil {
		p = &productState{}
		t.products[gtin] = p
	}
	return p
}
