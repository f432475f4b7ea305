package enginebench

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// A record's line is one JSON object on one line, its fields in a fixed
// order, the event's data last and as it is (a JSON object):
//
//	{"crc":"1c291ca3","position":1,"id":"…","stream":"…","version":1,"type":"…",
//	 "actor_uscc":"…","actor_role":"…","correlation_id":"…","causation_id":"…",
//	 "occurred_at":"…","recorded_at":"…","hash":"…","data":{…}}
//
// crc is the CRC-32C (Castagnoli) of the bytes after `{"crc":"xxxxxxxx",`
// up to the closing brace, in hex: a line torn by a crash, or changed, fails
// it. Compact JSON never holds a raw newline, so "\n" ends each line and
// `head`, `tail`, `wc -l`, `grep` and `jq` read a segment as it is.
const (
	crcOpen = `{"crc":"`
	crcEnd  = len(crcOpen) + 8 + 2 // past `xxxxxxxx",`
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendLine appends r's line and its newline to b.
func appendLine(b []byte, r *event.Record, t rowText, recorded string) []byte {
	start := len(b)
	b = append(b, crcOpen...)
	b = append(b, `00000000","position":`...)
	b = strconv.AppendUint(b, r.Position, 10)
	b = append(b, `,"id":"`...)
	b = append(b, t.id...)
	b = append(b, `","stream":`...)
	b = appendString(b, r.Stream)
	b = append(b, `,"version":`...)
	b = strconv.AppendUint(b, r.Version, 10)
	b = append(b, `,"type":`...)
	b = appendString(b, r.Type)
	b = append(b, `,"actor_uscc":`...)
	b = appendString(b, r.Metadata.ActorUSCC)
	b = append(b, `,"actor_role":`...)
	b = appendString(b, r.Metadata.ActorRole)
	b = append(b, `,"correlation_id":`...)
	b = appendString(b, r.Metadata.CorrelationID)
	b = append(b, `,"causation_id":`...)
	b = appendString(b, r.Metadata.CausationID)
	b = append(b, `,"occurred_at":"`...)
	b = append(b, t.occurred...)
	b = append(b, `","recorded_at":"`...)
	b = append(b, recorded...)
	b = append(b, `","hash":"`...)
	b = hex.AppendEncode(b, r.Hash[:])
	b = append(b, `","data":`...)
	b = append(b, r.Data...)
	b = append(b, '}')
	sum := crc32.Checksum(b[start+crcEnd:], castagnoli)
	hex.Encode(b[start+len(crcOpen):start+len(crcOpen)+8], []byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return append(b, '\n')
}

// appendString appends s as a JSON string. Text the store keeps is valid
// UTF-8; the common case, nothing to escape, is a copy.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

var errBadLine = errors.New("bad line")

// lineReader parses one line in the fixed order appendLine writes.
type lineReader struct {
	b   []byte
	err error
}

func (l *lineReader) expect(lit string) {
	if l.err == nil {
		if !bytes.HasPrefix(l.b, []byte(lit)) {
			l.err = fmt.Errorf("%w: want %s", errBadLine, lit)
			return
		}
		l.b = l.b[len(lit):]
	}
}

func (l *lineReader) uint() uint64 {
	if l.err != nil {
		return 0
	}
	i := 0
	var v uint64
	for i < len(l.b) && l.b[i] >= '0' && l.b[i] <= '9' {
		v = v*10 + uint64(l.b[i]-'0')
		i++
	}
	if i == 0 {
		l.err = fmt.Errorf("%w: want a number", errBadLine)
	}
	l.b = l.b[i:]
	return v
}

// raw is the text up to the next quote, for fields that never need escapes.
func (l *lineReader) raw() []byte {
	if l.err != nil {
		return nil
	}
	i := bytes.IndexByte(l.b, '"')
	if i < 0 {
		l.err = fmt.Errorf("%w: unterminated text", errBadLine)
		return nil
	}
	s := l.b[:i]
	l.b = l.b[i:]
	return s
}

// str reads a JSON string.
func (l *lineReader) str() string {
	if l.err != nil {
		return ""
	}
	if len(l.b) == 0 || l.b[0] != '"' {
		l.err = fmt.Errorf("%w: want a string", errBadLine)
		return ""
	}
	for i := 1; i < len(l.b); i++ {
		switch l.b[i] {
		case '"':
			s := string(l.b[1:i])
			l.b = l.b[i+1:]
			return s
		case '\\':
			return l.escaped()
		}
	}
	l.err = fmt.Errorf("%w: unterminated string", errBadLine)
	return ""
}

func (l *lineReader) escaped() string {
	i := 1
	for ; i < len(l.b); i++ {
		if l.b[i] == '\\' {
			i++
		} else if l.b[i] == '"' {
			break
		}
	}
	var s string
	if i >= len(l.b) {
		l.err = fmt.Errorf("%w: unterminated string", errBadLine)
		return ""
	}
	if err := json.Unmarshal(l.b[:i+1], &s); err != nil {
		l.err = fmt.Errorf("%w: %w", errBadLine, err)
	}
	l.b = l.b[i+1:]
	return s
}

// parseLine decodes a line (without its newline), checking its CRC. The
// record's Data aliases line.
func parseLine(line []byte) (event.Record, error) {
	var r event.Record
	if len(line) < crcEnd+1 || !bytes.HasPrefix(line, []byte(crcOpen)) {
		return r, fmt.Errorf("%w: no crc", errBadLine)
	}
	var sum [4]byte
	if _, err := hex.Decode(sum[:], line[len(crcOpen):len(crcOpen)+8]); err != nil {
		return r, fmt.Errorf("%w: crc: %w", errBadLine, err)
	}
	want := uint32(sum[0])<<24 | uint32(sum[1])<<16 | uint32(sum[2])<<8 | uint32(sum[3])
	if crc32.Checksum(line[crcEnd:], castagnoli) != want {
		return r, fmt.Errorf("%w: crc mismatch", errBadLine)
	}
	l := lineReader{b: line[crcEnd:]}
	l.expect(`"position":`)
	r.Position = l.uint()
	l.expect(`,"id":"`)
	id := l.raw()
	l.expect(`","stream":`)
	r.Stream = l.str()
	l.expect(`,"version":`)
	r.Version = l.uint()
	l.expect(`,"type":`)
	r.Type = l.str()
	l.expect(`,"actor_uscc":`)
	r.Metadata.ActorUSCC = l.str()
	l.expect(`,"actor_role":`)
	r.Metadata.ActorRole = l.str()
	l.expect(`,"correlation_id":`)
	r.Metadata.CorrelationID = l.str()
	l.expect(`,"causation_id":`)
	r.Metadata.CausationID = l.str()
	l.expect(`,"occurred_at":"`)
	occ := l.raw()
	l.expect(`","recorded_at":"`)
	rec := l.raw()
	l.expect(`","hash":"`)
	h := l.raw()
	l.expect(`","data":`)
	if l.err != nil {
		return r, l.err
	}
	if len(l.b) < 2 || l.b[len(l.b)-1] != '}' {
		return r, fmt.Errorf("%w: no data", errBadLine)
	}
	r.Data = l.b[:len(l.b)-1]
	var err error
	if r.ID, err = uuid.ParseBytes(id); err != nil {
		return r, fmt.Errorf("position %d: id: %w", r.Position, err)
	}
	if r.Metadata.OccurredAt, err = event.ParseTime(string(occ)); err != nil {
		return r, fmt.Errorf("position %d: occurred_at: %w", r.Position, err)
	}
	if r.Metadata.RecordedAt, err = event.ParseTime(string(rec)); err != nil {
		return r, fmt.Errorf("position %d: recorded_at: %w", r.Position, err)
	}
	if len(h) != 64 {
		return r, fmt.Errorf("position %d: hash %q", r.Position, h)
	}
	if _, err := hex.Decode(r.Hash[:], h); err != nil {
		return r, fmt.Errorf("position %d: hash: %w", r.Position, err)
	}
	return r, nil
}

// decodeLines decodes a chunk of whole lines.
func decodeLines(chunk []byte) ([]event.Record, error) {
	out := make([]event.Record, 0, bytes.Count(chunk, []byte{'\n'}))
	for len(chunk) > 0 {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			return nil, fmt.Errorf("%w: no newline", errBadLine)
		}
		r, err := parseLine(chunk[:i])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
		chunk = chunk[i+1:]
	}
	return out, nil
}
