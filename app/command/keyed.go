package command

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/domain/event"
)

// keyCtxKey carries an idempotency key to the command's commit.
type keyCtxKey struct{}

// WithIdempotencyKey returns a context whose command records k in the same
// atomic append as its events (see event.KeyedStore), with what Replay needs
// to give the first answer again. If k is already recorded, the command
// appends nothing and fails with an error that errors.Is
// event.ErrKeyRecorded; the caller looks the key up and replays it.
func WithIdempotencyKey(ctx context.Context, k event.Key) context.Context {
	return context.WithValue(ctx, keyCtxKey{}, k)
}

// KeyFor returns the context's idempotency key, if any, with its Result
// set to what Replay needs of extra (the part of a command's Outcome its
// records do not hold). Commands implementations other than Handlers (test
// fakes) use it to record keys the way Handlers do.
func KeyFor(ctx context.Context, extra Outcome) (event.Key, bool, error) {
	k, ok := ctx.Value(keyCtxKey{}).(event.Key)
	if !ok {
		return event.Key{}, false, nil
	}
	if a := answerOf(extra); !a.empty() {
		b, err := json.Marshal(a)
		if err != nil {
			return event.Key{}, false, fmt.Errorf("encode answer: %w", err)
		}
		k.Result = b
	}
	return k, true, nil
}

// answer is the part of an Outcome that is not in the records: what a
// keyed command keeps with its key to answer a retry.
type answer struct {
	ShipmentID  string  `json:"shipment_id,omitempty"`
	ComplaintID string  `json:"complaint_id,omitempty"`
	RecallID    string  `json:"recall_id,omitempty"`
	Labels      []Label `json:"labels,omitempty"`
	OrderID     string  `json:"order_id,omitempty"`
	// TransformationID: a recorded transformation's id.
	TransformationID string `json:"transformation_id,omitempty"`
	// SubscriptionID is a new EPCIS subscription's id.
	SubscriptionID string `json:"subscription_id,omitempty"`
}

func answerOf(o Outcome) answer {
	a := answer{ShipmentID: o.ShipmentID, ComplaintID: o.ComplaintID, RecallID: o.RecallID, Labels: o.Labels}
	a.OrderID, a.TransformationID = o.OrderID, o.TransformationID
	a.SubscriptionID = o.SubscriptionID
	return a
}

func (a answer) empty() bool {
	return a.ShipmentID == "" && a.ComplaintID == "" && a.RecallID == "" && len(a.Labels) == 0 && a.OrderID == "" &&
		a.TransformationID == "" && a.SubscriptionID == ""
}

func (a answer) into(o *Outcome) {
	o.ShipmentID, o.ComplaintID, o.RecallID, o.Labels = a.ShipmentID, a.ComplaintID, a.RecallID, a.Labels
	o.OrderID, o.TransformationID = a.OrderID, a.TransformationID
	o.SubscriptionID = a.SubscriptionID
}

// Replay rebuilds the first Outcome of a keyed command from its recorded key
// and records: the same Outcome the command returned.
func Replay(k event.Keyed) (Outcome, error) {
	out := outcomeOf(k.Records)
	if len(k.Key.Result) > 0 {
		var a answer
		if err := json.Unmarshal(k.Key.Result, &a); err != nil {
			return Outcome{}, fmt.Errorf("replay key %q: %w", k.Key.Key, err)
		}
		a.into(&out)
	}
	return out, nil
}

// appendKeyed appends writes, with the context's idempotency key if any; the
// key keeps extra, the part of the outcome the records do not hold.
func (h *Handlers) appendKeyed(ctx context.Context, extra Outcome, writes []event.Write) ([]event.Record, error) {
	k, ok, err := KeyFor(ctx, extra)
	if err != nil {
		return nil, err
	}
	if !ok {
		return h.store.Append(ctx, writes...)
	}
	return h.store.AppendKeyed(ctx, k, writes...)
}
