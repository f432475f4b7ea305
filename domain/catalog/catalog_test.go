package catalog_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/catalog"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/recall"
)

func TestNewRefusesATypeNameRegisteredTwice(t *testing.T) {
	a := aggregate.Decoders{recall.TypeStarted: aggregate.As[recall.Started]()}
	b := aggregate.Decoders{recall.TypeStarted: aggregate.As[recall.Closed]()}
	_, err := catalog.New(catalog.Set{Name: "a", Decoders: a}, catalog.Set{Name: "b", Decoders: b})
	if err == nil || !strings.Contains(err.Error(), recall.TypeStarted) {
		t.Fatalf("duplicate type accepted: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Must accepted a duplicate type")
		}
	}()
	catalog.Must(catalog.Set{Name: "a", Decoders: a}, catalog.Set{Name: "b", Decoders: b})
}

func TestEveryTypeNameIsRegisteredOnceWithAnOwner(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range catalog.Events.Types() {
		if seen[name] {
			t.Fatalf("type %s listed twice", name)
		}
		seen[name] = true
		if catalog.Events.Owner(name) == "" || !catalog.Events.Knows(name) {
			t.Fatalf("type %s has no owner", name)
		}
	}
	if !seen[recall.TypeHolderNotified] {
		t.Fatalf("the notice event %s is not in the catalogue", recall.TypeHolderNotified)
	}
}

// TestEveryTypeRoundTripsThroughItsDecoder encodes an event of every
// registered type, each field set, the way the store does (event.NewPending),
// and decodes it back through the catalogue: the event comes back equal and
// names itself by the type it is registered under.
func TestEveryTypeRoundTripsThroughItsDecoder(t *testing.T) {
	for _, name := range catalog.Events.Types() {
		t.Run(name, func(t *testing.T) {
			zero, err := catalog.Events.Decode(event.Record{Type: name, Data: []byte("{}")})
			if err != nil || zero == nil {
				t.Fatalf("decode {}: %v %v", zero, err)
			}
			v := reflect.New(reflect.TypeOf(zero)).Elem()
			fill(v, 1)
			sample := v.Interface().(event.Event)
			if sample.EventType() != name {
				t.Fatalf("registered as %s, names itself %s", name, sample.EventType())
			}
			p, err := event.NewPending(uuid.New(), sample, event.Metadata{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := catalog.Events.Decode(event.Record{ID: p.ID, Type: p.Type, Data: p.Data, Position: 1})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, sample) {
				t.Fatalf("round trip changed the event\nsent %+v\ngot  %+v\njson %s", sample, got, p.Data)
			}
		})
	}
	if got, err := catalog.Events.Decode(event.Record{Type: "unknown.type.v1", Data: []byte("{}")}); got != nil || err != nil {
		t.Fatalf("an unknown type decodes to %v, %v; want nil, nil", got, err)
	}
}

// fill sets every field of v to a value other than its zero, so a field the
// JSON encoding drops shows up as a difference.
func fill(v reflect.Value, seed int) {
	if v.Type() == reflect.TypeOf(time.Time{}) {
		v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, seed, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strings.Repeat("x", seed))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(seed + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(seed + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(seed) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed+i+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), seed+i+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, seed)
		fill(e, seed+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed)
		v.Set(p)
	}
}
