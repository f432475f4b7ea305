package event

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// hashDomain separates this encoding from any other use of SHA-256.
const hashDomain = "traceledger.event.v1"

// Canonical returns the bytes a record's hash covers: every field that makes
// the event what it is, each length-prefixed so no two records share an
// encoding. Times are in RFC 3339 with nanoseconds, UTC.
func Canonical(r Record) []byte {
	return appendCanonical(make([]byte, 0, 256+len(r.Data)), &r)
}

// appendCanonical appends Canonical(*r) to b, building nothing on the side:
// the single writer chains every event of the log.
func appendCanonical(b []byte, r *Record) []byte {
	b = appendField(b, hashDomain)
	b = appendNumberField(b, r.Position)
	b = appendUUIDField(b, r.ID)
	b = appendField(b, r.Stream)
	b = appendNumberField(b, r.Version)
	b = appendField(b, r.Type)
	b = binary.BigEndian.AppendUint32(b, uint32(len(r.Data)))
	b = append(b, r.Data...)
	b = appendField(b, r.Metadata.ActorUSCC)
	b = appendField(b, r.Metadata.ActorRole)
	b = appendField(b, r.Metadata.CorrelationID)
	b = appendField(b, r.Metadata.CausationID)
	b = appendTimeField(b, r.Metadata.OccurredAt)
	return appendTimeField(b, r.Metadata.RecordedAt)
}

func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func appendBytesField(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func appendNumberField(b []byte, v uint64) []byte {
	var d [20]byte
	return appendBytesField(b, strconv.AppendUint(d[:0], v, 10))
}

func appendTimeField(b []byte, t time.Time) []byte {
	var d [40]byte
	return appendBytesField(b, t.UTC().AppendFormat(d[:0], time.RFC3339Nano))
}

// appendUUIDField is appendField(b, id.String()).
func appendUUIDField(b []byte, id uuid.UUID) []byte {
	var d [36]byte
	hex.Encode(d[0:8], id[0:4])
	hex.Encode(d[9:13], id[4:6])
	hex.Encode(d[14:18], id[6:8])
	hex.Encode(d[19:23], id[8:10])
	hex.Encode(d[24:36], id[10:16])
	d[8], d[13], d[18], d[23] = '-', '-', '-', '-'
	return appendBytesField(b, d[:])
}

// Chain returns the hash of r given the hash of the record before it (all
// zeros before position 1): SHA-256(prev || Canonical(r)).
func Chain(prev [32]byte, r Record) [32]byte {
	var buf [1024]byte
	b := append(buf[:0], prev[:]...)
	return sha256.Sum256(appendCanonical(b, &r))
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
