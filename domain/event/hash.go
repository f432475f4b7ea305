package event

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"time"
)

// hashDomain separates this encoding from any other use of SHA-256.
const hashDomain = "traceledger.event.v1"

// Canonical returns the bytes a record's hash covers: every field that makes
// the event what it is, each length-prefixed so no two records share an
// encoding. Times are in RFC 3339 with nanoseconds, UTC.
func Canonical(r Record) []byte {
	var b bytes.Buffer
	b.Grow(256 + len(r.Data))
	field := func(s string) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(s)))
		b.Write(n[:])
		b.WriteString(s)
	}
	field(hashDomain)
	field(strconv.FormatUint(r.Position, 10))
	field(r.ID.String())
	field(r.Stream)
	field(strconv.FormatUint(r.Version, 10))
	field(r.Type)
	field(string(r.Data))
	field(r.Metadata.ActorUSCC)
	field(r.Metadata.ActorRole)
	field(r.Metadata.CorrelationID)
	field(r.Metadata.CausationID)
	field(FormatTime(r.Metadata.OccurredAt))
	field(FormatTime(r.Metadata.RecordedAt))
	return b.Bytes()
}

// Chain returns the hash of r given the hash of the record before it (all
// zeros before position 1): SHA-256(prev || Canonical(r)).
func Chain(prev [32]byte, r Record) [32]byte {
	h := sha256.New()
	h.Write(prev[:])
	h.Write(Canonical(r))
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// NormalizeTime is the precision every store keeps: UTC, microseconds. Stores
// normalise times before hashing so a record reads back byte for byte.
func NormalizeTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// FormatTime is the one text form of a time in stored and hashed records.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// ParseTime reads a time written by FormatTime (any RFC 3339 time, in fact:
// the form FormatTime writes takes a quick path).
func ParseTime(s string) (time.Time, error) {
	if t, ok := parseUTC(s); ok {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// SameContent reports whether a stored record and a pending event are the same
// event: same id, stream, type and data. Metadata is not compared, so a retry
// recorded a moment later is still a repeat.
func SameContent(r Record, stream string, p Pending) bool {
	return r.ID == p.ID && r.Stream == stream && r.Type == p.Type && bytes.Equal(compactJSON(r.Data), compactJSON(p.Data))
}
