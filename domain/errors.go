// Package domain holds what every part of the ledger's domain shares: the
// outcomes a command can be refused with. Subpackages hold identifiers
// (ident), the event envelope and store port (event), the aggregates and the
// command handlers (command).
package domain

import (
	"errors"
	"fmt"
)

// ErrNotFound: the command names something the ledger does not hold.
var ErrNotFound = errors.New("not found")

// ErrConflict: the command breaks a rule of the domain or a state transition
// (selling what was sold, shipping a recalled batch, a duplicate registration).
var ErrConflict = errors.New("conflict")

// ErrForbidden: the actor may not do this (another enterprise's USCC, a role
// that may not record this event).
var ErrForbidden = errors.New("forbidden")

// ErrInvalid: the input is malformed. A *FieldError says which field.
var ErrInvalid = errors.New("invalid input")

// FieldError names the input field (as the client spelled it, for example
// "lines[2].gtin") that made a command invalid.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Invalid returns a *FieldError for field.
func Invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// RuleError is a refused command: which rule, and why. It is ErrConflict,
// ErrNotFound or ErrForbidden by Kind, and may name a field.
type RuleError struct {
	Kind    error
	Field   string
	Message string
}

func (e *RuleError) Error() string { return e.Message }

// Is matches the error's kind.
func (e *RuleError) Is(target error) bool { return target == e.Kind }

// Conflict returns a RuleError of kind ErrConflict.
func Conflict(format string, args ...any) error {
	return &RuleError{Kind: ErrConflict, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a RuleError of kind ErrNotFound naming field.
func NotFound(field, format string, args ...any) error {
	return &RuleError{Kind: ErrNotFound, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Forbidden returns a RuleError of kind ErrForbidden naming field.
func Forbidden(field, format string, args ...any) error {
	return &RuleError{Kind: ErrForbidden, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Within reports err, a refusal about one element of a list the client sent
// (a batch of a recall, say), at that element's path: a field "lot" becomes
// path+".lot". An error that names no field, or is no field or rule error,
// is returned as it is.
func Within(path string, err error) error {
	var fe *FieldError
	var re *RuleError
	switch {
	case errors.As(err, &fe) && fe.Field != "":
		return &FieldError{Field: path + "." + fe.Field, Message: fe.Message}
	case errors.As(err, &re) && re.Field != "":
		return &RuleError{Kind: re.Kind, Field: path + "." + re.Field, Message: re.Message}
	}
	return err
}
