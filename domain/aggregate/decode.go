package aggregate

import (
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// Decoders maps the hand-written event type names of one aggregate to the
// function that decodes them. An upcaster for an old version is one more entry
// whose function returns the current event.
type Decoders map[string]func(event.Record) (event.Event, error)

// As decodes a record's data into a T.
func As[T event.Event]() func(event.Record) (event.Event, error) {
	return func(rec event.Record) (event.Event, error) {
		var e T
		if err := json.Unmarshal(rec.Data, &e); err != nil {
			return nil, fmt.Errorf("decode %s at position %d: %w", rec.Type, rec.Position, err)
		}
		return e, nil
	}
}

// Decode decodes rec, refusing a type the aggregate does not know.
func (d Decoders) Decode(name string, rec event.Record) (event.Event, error) {
	fn, ok := d[rec.Type]
	if !ok {
		return nil, Unknown(name, rec)
	}
	return fn(rec)
}

// Replay folds stored records into an aggregate.
func Replay(name string, recs []event.Record, d Decoders, r *Root, apply func(event.Event)) error {
	for _, rec := range recs {
		e, err := d.Decode(name, rec)
		if err != nil {
			return err
		}
		r.Replayed(rec, e, apply)
	}
	return nil
}
