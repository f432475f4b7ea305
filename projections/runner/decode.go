package runner

import (
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/domain/token"
)

// decoders is every aggregate's decoders: the catalogue of event types.
var decoders = func() aggregate.Decoders {
	all := aggregate.Decoders{}
	for _, d := range []aggregate.Decoders{enterprise.Decoders, product.Decoders, batch.Decoders, customs.Decoders,
		shipment.Decoders, complaint.Decoders, recall.Decoders, token.Decoders} {
		for k, v := range d {
			all[k] = v
		}
	}
	return all
}()

// Decode wraps a record with its decoded event. A type unknown to this build
// decodes to a nil Event (projections skip it); malformed data is an error.
func Decode(rec event.Record) (Envelope, error) {
	fn, ok := decoders[rec.Type]
	if !ok {
		return Envelope{Record: rec}, nil
	}
	e, err := fn(rec)
	if err != nil {
		return Envelope{}, err
	}
	return Envelope{Record: rec, Event: e}, nil
}
