package command

import (
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// The parse helpers turn a raw input field into a value type, or a
// *domain.FieldError naming the field as the client spelled it.

// parseWith parses s with parse; a failure (or an empty s) is a
// *domain.FieldError naming field.
func parseWith[T any](field, s string, parse func(string) (T, error)) (T, error) {
	v, err := parse(s)
	if err != nil {
		return v, fieldErr(field, s, err)
	}
	return v, nil
}

func parseGTIN(field, s string) (ident.GTIN, error) { return parseWith(field, s, ident.ParseGTIN) }

func parseUSCC(field, s string) (ident.USCC, error) { return parseWith(field, s, ident.ParseUSCC) }

// parseBatch parses the GTIN and lot that name a batch.
func parseBatch(gtinField, lotField, gtin, lot string) (ident.GTIN, ident.Lot, error) {
	g, err := parseGTIN(gtinField, gtin)
	if err != nil {
		return g, ident.Lot{}, err
	}
	l, err := parseLot(lotField, lot)
	return g, l, err
}

func parseLot(field, s string) (ident.Lot, error) { return parseWith(field, s, ident.ParseLot) }

func parseSerial(field, s string) (ident.Serial, error) {
	return parseWith(field, s, ident.ParseSerial)
}

func parseCountry(field, s string) (ident.Country, error) {
	return parseWith(field, s, ident.ParseCountry)
}

func parseQuantity(field string, n int64) (ident.Quantity, error) {
	q, err := ident.NewQuantity(n)
	if err != nil {
		return q, domain.InvalidValue(field, err)
	}
	return q, nil
}

func parseDeclarationNo(field, s string) (ident.DeclarationNo, error) {
	return parseWith(field, s, ident.ParseDeclarationNo)
}

func parseDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, domain.Invalid(field, "required_yyyy_mm_dd", "is required (YYYY-MM-DD)")
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, domain.Invalid(field, "not_date_yyyy_mm_dd_2", "%q is not a date (YYYY-MM-DD)", s)
	}
	if t.Before(earliestDate) || t.After(latestDate) {
		return t, domain.Invalid(field, "outside", "%s is outside %s..%s", s, earliestDate.Format(time.DateOnly), latestDate.Format(time.DateOnly))
	}
	return t, nil
}

// The range of the dates a command may give (production, expiry): no
// goods the ledger traces were made before it, none keeps beyond it.
var (
	earliestDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	latestDate   = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

func parseItem(field, code string) (ident.ItemCode, error) {
	c, err := parseWith(field, code, ident.ParseItemCode)
	if err != nil {
		return c, err
	}
	if c.Lot.IsZero() {
		return c, domain.Invalid(field, "names_no_lot_give_label", "%q names no lot: give the label's Digital Link", code)
	}
	return c, nil
}

func required(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return domain.Invalid(field, "required", "is required")
	}
	return nil
}

func fieldErr(field, value string, err error) error {
	if value == "" {
		return domain.Invalid(field, "required", "is required")
	}
	return domain.InvalidValue(field, err)
}
