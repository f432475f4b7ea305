package event

import "fmt"

// ExpectedVersion is the optimistic concurrency condition of an append: any
// version, no stream yet, or exactly version N (N >= 1, the number of events
// the stream holds).
type ExpectedVersion struct {
	kind    expectKind
	version uint64
}

type expectKind uint8

const (
	expectAny expectKind = iota
	expectNoStream
	expectExact
)

// Any accepts whatever the stream holds.
var Any = ExpectedVersion{kind: expectAny}

// NoStream requires the stream to hold no events yet.
var NoStream = ExpectedVersion{kind: expectNoStream}

// Exact requires the stream to hold exactly v events. Exact(0) is NoStream.
func Exact(v uint64) ExpectedVersion {
	if v == 0 {
		return NoStream
	}
	return ExpectedVersion{kind: expectExact, version: v}
}

// Check reports whether a stream now at version current satisfies e.
func (e ExpectedVersion) Check(current uint64) bool {
	switch e.kind {
	case expectNoStream:
		return current == 0
	case expectExact:
		return current == e.version
	default:
		return true
	}
}

// IsAny reports whether e accepts any version.
func (e ExpectedVersion) IsAny() bool { return e.kind == expectAny }

// Version returns the version e requires (0 for NoStream) and false for Any.
func (e ExpectedVersion) Version() (uint64, bool) {
	switch e.kind {
	case expectNoStream:
		return 0, true
	case expectExact:
		return e.version, true
	default:
		return 0, false
	}
}

func (e ExpectedVersion) String() string {
	switch e.kind {
	case expectNoStream:
		return "no stream"
	case expectExact:
		return fmt.Sprintf("version %d", e.version)
	default:
		return "any"
	}
}
