package kurrentdb

import (
	"errors"
	"fmt"
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// TestErrorCodesThroughWrapping checks the mapping finds the client's error
// however deeply it is wrapped, as the client itself wraps it ("could not
// send append request. Reason: %w").
func TestErrorCodesThroughWrapping(t *testing.T) {
	unknown, _ := esdb.FromError(fmt.Errorf("x: %w", errors.New("plain")))
	if wrongExpected(unknown) || notFound(unknown) {
		t.Fatal("an unknown error maps to a known code")
	}
	// The client builds its errors unexported; a gRPC-free way to get one
	// with a code is not offered, so check the unknown path and nil.
	if wrongExpected(nil) || notFound(nil) || code(fmt.Errorf("a: %w", ErrClosed)) != esdb.ErrorCodeUnknown {
		t.Fatal("nil or foreign errors map to a code")
	}
}
