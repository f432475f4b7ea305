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
// "lines[2].gtin") that made a command invalid, the stable reason and its
// parameters a client renders in its reader's language, and an English
// message for logs and API clients.
type FieldError struct {
	Field   string
	Reason  string
	Params  []string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Invalid returns a *FieldError for field, for reason; the message is format
// filled with args, which are also the reason's parameters in order.
func Invalid(field, reason, format string, args ...any) error {
	return &FieldError{Field: field, Reason: reason, Params: params(args), Message: fmt.Sprintf(format, args...)}
}

// InvalidValue returns a *FieldError for field carrying err's reason and
// parameters when err has them (an identifier that failed to parse, say),
// and the reason "invalid_value" otherwise.
func InvalidValue(field string, err error) error {
	reason, ps := ReasonOf(err)
	if reason == "" {
		reason, ps = "invalid_value", nil
	}
	return &FieldError{Field: field, Reason: reason, Params: ps, Message: err.Error()}
}

// RuleError is a refused command: which rule (its stable reason and
// parameters), and why in English. It is ErrConflict, ErrNotFound or
// ErrForbidden by Kind, and may name a field.
type RuleError struct {
	Kind    error
	Field   string
	Reason  string
	Params  []string
	Message string
}

func (e *RuleError) Error() string { return e.Message }

// Is matches the error's kind.
func (e *RuleError) Is(target error) bool { return target == e.Kind }

// Conflict returns a RuleError of kind ErrConflict.
func Conflict(reason, format string, args ...any) error {
	return &RuleError{Kind: ErrConflict, Reason: reason, Params: params(args), Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a RuleError of kind ErrNotFound naming field.
func NotFound(field, reason, format string, args ...any) error {
	return &RuleError{Kind: ErrNotFound, Field: field, Reason: reason, Params: params(args), Message: fmt.Sprintf(format, args...)}
}

// Forbidden returns a RuleError of kind ErrForbidden naming field.
func Forbidden(field, reason, format string, args ...any) error {
	return &RuleError{Kind: ErrForbidden, Field: field, Reason: reason, Params: params(args), Message: fmt.Sprintf(format, args...)}
}

// Reasoned is an error that carries a stable reason and its parameters.
type Reasoned interface {
	Reason() (string, []string)
}

// ReasonOf answers the reason and parameters err or an error it wraps
// carries, or "" when none does.
func ReasonOf(err error) (string, []string) {
	var fe *FieldError
	var re *RuleError
	var r Reasoned
	switch {
	case errors.As(err, &fe) && fe.Reason != "":
		return fe.Reason, fe.Params
	case errors.As(err, &re) && re.Reason != "":
		return re.Reason, re.Params
	case errors.As(err, &r):
		return r.Reason()
	}
	return "", nil
}

// params renders a message's arguments as the reason's parameters.
func params(args []any) []string {
	if len(args) == 0 {
		return nil
	}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprint(a)
	}
	return out
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
		return &FieldError{Field: path + "." + fe.Field, Reason: fe.Reason, Params: fe.Params, Message: fe.Message}
	case errors.As(err, &re) && re.Field != "":
		return &RuleError{Kind: re.Kind, Field: path + "." + re.Field, Reason: re.Reason, Params: re.Params, Message: re.Message}
	}
	return err
}

// ConflictAt returns a RuleError of kind ErrConflict naming field.
func ConflictAt(field, reason, format string, args ...any) error {
	return &RuleError{Kind: ErrConflict, Field: field, Reason: reason, Params: params(args), Message: fmt.Sprintf(format, args...)}
}
