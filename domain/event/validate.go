package event

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Validate checks the shape of an append before any store sees it: at least
// one write, each naming a stream and carrying events with an id, a type and a
// JSON object as data, and no id twice. Stream names and types must be valid
// UTF-8: stores keep and compare them as text. Every adapter calls it first.
func Validate(writes []Write) error {
	if len(writes) == 0 {
		return fmt.Errorf("%w: no writes", ErrInvalidAppend)
	}
	seen := make(map[uuid.UUID]bool)
	streams := make(map[string]bool)
	for _, w := range writes {
		if w.Stream == "" {
			return fmt.Errorf("%w: empty stream name", ErrInvalidAppend)
		}
		if !utf8.ValidString(w.Stream) {
			return fmt.Errorf("%w: stream name %q is not valid UTF-8", ErrInvalidAppend, w.Stream)
		}
		if streams[w.Stream] {
			return fmt.Errorf("%w: stream %q written twice in one append", ErrInvalidAppend, w.Stream)
		}
		streams[w.Stream] = true
		if len(w.Events) == 0 {
			return fmt.Errorf("%w: stream %q: no events", ErrInvalidAppend, w.Stream)
		}
		for _, p := range w.Events {
			if p.ID == uuid.Nil {
				return fmt.Errorf("%w: stream %q: event without id", ErrInvalidAppend, w.Stream)
			}
			if seen[p.ID] {
				return fmt.Errorf("%w: event %s twice in one append", ErrInvalidAppend, p.ID)
			}
			seen[p.ID] = true
			if p.Type == "" || !utf8.ValidString(p.Type) {
				return fmt.Errorf("%w: event %s: type %q is empty or not valid UTF-8", ErrInvalidAppend, p.ID, p.Type)
			}
			trimmed := bytes.TrimSpace(p.Data)
			if len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed) {
				return fmt.Errorf("%w: event %s: data is not a JSON object", ErrInvalidAppend, p.ID)
			}
		}
	}
	return nil
}

// compactJSON removes insignificant space so equal JSON compares equal.
func compactJSON(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return b
	}
	return out.Bytes()
}
