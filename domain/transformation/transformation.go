// Package transformation is the transformation aggregate: one enterprise made
// output batches out of input goods it held (raw milk into lots of formula;
// EPCIS TransformationEvent). The inputs are consumed in their own batches'
// streams (batch.Consume) and name their outputs there, so an upstream trace
// of an output reaches the inputs and a recall of an input reaches every
// output.
package transformation

import (
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
)

// TypeRecorded is the event type name, written by hand and versioned.
const TypeRecorded = "transformation.recorded.v1"

// Input is what a transformation used of one batch.
type Input struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
	batch.Units
}

// Recorded: the transformer made the outputs out of the inputs.
type Recorded struct {
	TransformationID string      `json:"transformation_id"`
	TransformerUSCC  string      `json:"transformer_uscc"`
	Inputs           []Input     `json:"inputs"`
	Outputs          []batch.Ref `json:"outputs"`
	Note             string      `json:"note,omitempty"`
}

// EventType names the event.
func (Recorded) EventType() string { return TypeRecorded }

// Transformation is a recorded transformation.
type Transformation struct {
	aggregate.Root
	r Recorded
}

// Stream is the transformation's stream name.
func Stream(id string) string { return "transformation-" + id }

// Decoders decode the stored events of this aggregate.
var Decoders = aggregate.Decoders{TypeRecorded: aggregate.As[Recorded]()}

// Load rebuilds a transformation from its stream.
func Load(recs []event.Record) (*Transformation, error) {
	t := &Transformation{}
	return t, aggregate.Replay("transformation", recs, Decoders, &t.Root, t.apply)
}

// MaxOutputs bounds the outputs of one transformation.
const MaxOutputs = 100

// Record records the transformation once. It needs inputs and outputs; an
// output is never one of its own inputs, and each output is registered by
// the transformer (outputs says which were, by index). Whether each input
// may be consumed is its batch's decision (batch.Consume).
func (t *Transformation) Record(id, transformer string, inputs []Input, outputs []batch.Ref, ownedOutputs []bool, note string) error {
	if t.r.TransformationID != "" {
		return domain.Conflict("transformation_already_exists", "transformation %s already exists", id)
	}
	if len(inputs) == 0 {
		return domain.Invalid("inputs", "give_at_least_one_input", "give at least one input")
	}
	if len(outputs) == 0 {
		return domain.Invalid("outputs", "give_at_least_one_output", "give at least one output batch")
	}
	if len(outputs) > MaxOutputs {
		return domain.Invalid("outputs", "at_most_outputs", "at most %d outputs", MaxOutputs)
	}
	in := map[batch.Ref]bool{}
	for _, x := range inputs {
		in[batch.Ref{GTIN: x.GTIN, Lot: x.Lot}] = true
	}
	seen := map[batch.Ref]bool{}
	for i, o := range outputs {
		field := fmt.Sprintf("outputs[%d]", i)
		switch {
		case in[o]:
			return domain.Invalid(field, "batch_input_same_transformation", "batch %s/%s is an input of the same transformation", o.GTIN, o.Lot)
		case seen[o]:
			return domain.Invalid(field, "batch_given_twice_2", "batch %s/%s is given twice", o.GTIN, o.Lot)
		case !ownedOutputs[i]:
			return domain.NotFound(field, "batch_not_registered_by_register", "batch %s/%s is not registered by %s: register the output batch first", o.GTIN, o.Lot, transformer)
		}
		seen[o] = true
	}
	t.Raise(Recorded{TransformationID: id, TransformerUSCC: transformer, Inputs: inputs, Outputs: outputs, Note: strings.TrimSpace(note)}, t.apply)
	return nil
}

func (t *Transformation) apply(ev event.Event) {
	if r, ok := ev.(Recorded); ok {
		t.r = r
	}
}
