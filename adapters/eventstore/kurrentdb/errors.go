package kurrentdb

import (
	"errors"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// ErrClosed is returned by every call after Close.
var ErrClosed = errors.New("kurrentdb store is closed")

// code is the client's error code of err, found with errors.As through any
// wrapping, or ErrorCodeUnknown.
func code(err error) esdb.ErrorCode {
	var e *esdb.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return esdb.ErrorCodeUnknown
}

// wrongExpected reports KurrentDB refusing an append for its expected
// revision: on the log stream this means another process wrote first.
func wrongExpected(err error) bool { return code(err) == esdb.ErrorCodeWrongExpectedVersion }

// notFound reports a read of a stream that does not exist yet: for the log,
// an empty ledger.
func notFound(err error) bool { return code(err) == esdb.ErrorCodeResourceNotFound }
