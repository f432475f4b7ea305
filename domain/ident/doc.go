// Package ident holds the ledger's identifier value types: GS1 keys (GTIN,
// GLN, SSCC), batch and serial numbers, the Chinese unified social credit
// code (USCC), countries, quantities, customs numbers, and the two
// spellings of an item's identity, the GS1 Digital Link URI and the EPC URI.
//
// Every type keeps its fields unexported and is built only by a Parse or New
// function that validates it, so a value in hand is always valid and code
// further in never re-checks it. The zero value of each type means "absent":
// IsZero reports it, it marshals as an empty JSON string (null for
// Quantity), and an empty string or null unmarshals back to it. Whether a
// value is required is the caller's business, because only the caller knows
// the field's name.
//
// Errors wrap ErrInvalid and say what is wrong with the input, not where it
// came from, for the same reason.
//
// The package uses the standard library only.
package ident

import (
	"errors"
	"strconv"
)

// ErrInvalid is wrapped by every validation error in this package, so that
// callers (command handlers, HTTP adapters) can tell bad input from failures
// of their own with errors.Is and map it to a 4xx answer.
var ErrInvalid = errors.New("invalid identifier")

// invalidError carries a human message while wrapping ErrInvalid, so that the
// message reads cleanly ("gtin \"...\": check digit should be 1, got 2")
// without the sentinel's text appended, and a stable reason with its
// parameters (the input first) that a client tells in its reader's language.
type invalidError struct {
	msg    string
	reason string
	params []string
}

// Error returns the message alone.
func (e *invalidError) Error() string { return e.msg }

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *invalidError) Unwrap() error { return ErrInvalid }

// Reason answers the stable reason and its parameters.
func (e *invalidError) Reason() (string, []string) { return e.reason, e.params }

// invalid builds an error for kind (e.g. "gtin") and the offending input,
// for the generic reason "invalid_identifier".
func invalid(kind, input, why string) error {
	return invalidFor(kind, input, "invalid_identifier", why)
}

// invalidFor is invalid for a reason of its own; params follow the input.
func invalidFor(kind, input, reason, why string, params ...string) error {
	return &invalidError{msg: kind + " " + quote(input) + ": " + why, reason: reason,
		params: append([]string{elide(input)}, params...)}
}

// invalidf is invalid without an input to quote, for messages about a
// whole structure (a URI, an element string).
func invalidf(msg string) error {
	return &invalidError{msg: msg, reason: "invalid_identifier", params: []string{""}}
}

// quote quotes s for an error message, eliding the middle of very long input
// so that an attacker-sized string does not end up in logs whole.
func quote(s string) string { return strconv.Quote(elide(s)) }

// elide shortens very long input to its two ends.
func elide(s string) string {
	const max = 120
	if len(s) > max {
		s = s[:max/2] + "..." + s[len(s)-max/2:]
	}
	return s
}
