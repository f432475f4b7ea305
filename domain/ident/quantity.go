package ident

import (
	"encoding/json"
	"strconv"
)

// MaxQuantity caps a Quantity at a trillion units: far above any real batch
// or shipment, low enough that sums over a ledger's history never overflow
// int64.
const MaxQuantity = 1_000_000_000_000

// Quantity is a positive count of units (a batch size, a shipped or sold
// quantity). A zero or negative quantity is always a mistake in an event, so
// it cannot be built.
type Quantity struct{ n int64 }

// NewQuantity validates 1 <= n <= MaxQuantity.
func NewQuantity(n int64) (Quantity, error) {
	s := strconv.FormatInt(n, 10)
	switch {
	case n <= 0:
		return Quantity{}, invalidFor("quantity", s, "quantity_positive", "must be positive")
	case n > MaxQuantity:
		return Quantity{}, invalidFor("quantity", s, "quantity_too_large", "must be at most 1000000000000", "1000000000000")
	}
	return Quantity{n: n}, nil
}

// Int64 returns the count; 0 for the zero (absent) Quantity.
func (q Quantity) Int64() int64 { return q.n }

// String returns the count in decimal.
func (q Quantity) String() string { return strconv.FormatInt(q.n, 10) }

// IsZero reports whether q is absent.
func (q Quantity) IsZero() bool { return q.n == 0 }

// MarshalText implements encoding.TextMarshaler (decimal); zero is empty.
func (q Quantity) MarshalText() ([]byte, error) {
	if q.n == 0 {
		return nil, nil
	}
	return []byte(q.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, validating.
func (q *Quantity) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*q = Quantity{}
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return invalidFor("quantity", string(b), "quantity_whole_number", "must be a whole number")
	}
	v, err := NewQuantity(n)
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// MarshalJSON encodes a JSON number, unlike the identifiers: a quantity is
// arithmetic, and analysts' tools sum it. The zero Quantity is null.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q.n == 0 {
		return []byte("null"), nil
	}
	return []byte(q.String()), nil
}

// UnmarshalJSON accepts a JSON integer (or null for absent), validating.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*q = Quantity{}
		return nil
	}
	var n json.Number
	if len(b) > 0 && b[0] == '"' {
		return invalidFor("quantity", string(b), "quantity_whole_number", "must be a JSON number, not a string")
	}
	if err := json.Unmarshal(b, &n); err != nil {
		return invalidFor("quantity", string(b), "quantity_whole_number", "must be a JSON number")
	}
	i, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		return invalidFor("quantity", n.String(), "quantity_whole_number", "must be a whole number")
	}
	v, err := NewQuantity(i)
	if err != nil {
		return err
	}
	*q = v
	return nil
}
