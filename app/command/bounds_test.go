package command_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// TestUnboundedOrUnprintableInputIsRefusedNamingTheField: a 900,000-character
// name, a NUL, a lone line separator, invalid UTF-8, a list too long and
// dates of year 0 or 9999 are refused as invalid, naming the field, before
// anything is decided; a reason may span lines.
func TestUnboundedOrUnprintableInputIsRefusedNamingTheField(t *testing.T) {
	store := &conflictingStore{}
	h := command.NewHandlers(store, command.Options{})
	reg := access.Actor{Role: access.RoleRegulator}
	product := func(name string) command.RegisterProduct {
		return command.RegisterProduct{GTIN: "03760123456784", Name: name, Brand: "b", Spec: "s", Category: "dairy", OriginCountry: "FR",
			Manufacturer: "m", OwnerUSCC: "91310000MA1FL0000N", ShelfLifeDays: 1}
	}
	batch := func(produced, expires string) command.RegisterBatch {
		return command.RegisterBatch{GTIN: "03760123456784", Lot: "L1", Quantity: 1, ProducedOn: produced, ExpiresOn: expires, OwnerUSCC: "91310000MA1FL0000N"}
	}
	for _, c := range []struct {
		name  string
		run   func() error
		field string
	}{
		{"a 900,000-character name", func() error {
			_, err := h.RegisterProduct(t.Context(), reg, product(strings.Repeat("燕", 900_000)))
			return err
		}, "name"},
		{"a name of 201 characters", func() error {
			_, err := h.RegisterProduct(t.Context(), reg, product(strings.Repeat("a", 201)))
			return err
		}, "name"},
		{"a NUL in a name", func() error { _, err := h.RegisterProduct(t.Context(), reg, product("oat\x00milk")); return err }, "name"},
		{"a line break in a name", func() error { _, err := h.RegisterProduct(t.Context(), reg, product("oat\nmilk")); return err }, "name"},
		{"a line separator in a name", func() error { _, err := h.RegisterProduct(t.Context(), reg, product("oat\u2028milk")); return err }, "name"},
		{"invalid UTF-8 in a name", func() error { _, err := h.RegisterProduct(t.Context(), reg, product("oat\xffmilk")); return err }, "name"},
		{"a control character in a listed item", func() error {
			_, err := h.Sell(t.Context(), reg, command.Sell{SellerUSCC: "91310000MA1FL0000N", Channel: "c", Items: []string{"ok", "bad\x07"}})
			return err
		}, "items[1]"},
		{"too many items", func() error {
			_, err := h.Sell(t.Context(), reg, command.Sell{SellerUSCC: "91310000MA1FL0000N", Channel: "c", Items: make([]string, command.MaxListItems+1)})
			return err
		}, "items"},
		{"produced in year 0", func() error {
			_, err := h.RegisterBatch(t.Context(), reg, batch("0000-01-01", "2027-01-01"))
			return err
		}, "produced_on"},
		{"expiring in 9999", func() error {
			_, err := h.RegisterBatch(t.Context(), reg, batch("2026-01-01", "9999-12-31"))
			return err
		}, "expires_on"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			var fe *domain.FieldError
			if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &fe) || fe.Field != c.field {
				t.Fatalf("error = %v, want invalid naming %q", err, c.field)
			}
		})
	}
	if store.appends != 0 {
		t.Errorf("refused input appended %d times", store.appends)
	}
	// A reason may span lines.
	_, err := h.RevokeCertificate(t.Context(), reg, command.RevokeCertificate{GTIN: "03760123456784", Reason: "第一行\n第二行\t附注"})
	if errors.Is(err, domain.ErrInvalid) {
		t.Errorf("a two-line reason was refused as invalid: %v", err)
	}
}
