package unitstate

import "time"

// Kind says what a move did to its units.
type Kind uint8

// The kinds of move, one per batch event that moves units.
const (
	KindLabelled Kind = iota + 1
	KindShipped
	KindSold
	KindReturned
	KindDestroyed
	// KindConsumed: units used up as a transformation's input (Ref is the
	// transformation id).
	KindConsumed
)

// String names the kind as the API spells it.
func (k Kind) String() string {
	switch k {
	case KindLabelled:
		return "labelled"
	case KindShipped:
		return "shipped"
	case KindSold:
		return "sold"
	case KindReturned:
		return "returned"
	case KindDestroyed:
		return "destroyed"
	case KindConsumed:
		return "consumed"
	}
	return "unknown"
}

// Move is one event that moved units of a batch, kept so that the trace's
// edges and an item's path are derived at query time instead of stored per
// item. Items are indexes into the batch's item slices (four bytes a unit).
type Move struct {
	Kind Kind `json:"k"`
	// At is when it happened (occurred_at), in Unix nanoseconds.
	At int64 `json:"at"`
	// By is the labeller, sender, seller or returner.
	By Holder `json:"by"`
	// To is a shipment's receiver.
	To       Holder  `json:"to,omitempty"`
	Quantity int64   `json:"q,omitempty"`
	Items    []int32 `json:"i,omitempty"`
	// Ref is the shipment id, the sale channel or the recall id.
	Ref     string `json:"ref,omitempty"`
	Waybill string `json:"wb,omitempty"`
	// Received and ReceivedAt say whether and when a shipment arrived.
	Received   bool  `json:"rcvd,omitempty"`
	ReceivedAt int64 `json:"rat,omitempty"`
	// Packed is, for a shipment, the container (SSCC) each packed item
	// travelled in, by item index.
	Packed map[int32]string `json:"pk,omitempty"`
}

// Units is how many units the move carried.
func (m *Move) Units() int64 { return m.Quantity + int64(len(m.Items)) }

// Carries reports whether the move carried item i.
func (m *Move) Carries(i int32) bool {
	for _, x := range m.Items {
		if x == i {
			return true
		}
	}
	return false
}

// Time converts a move's Unix-nanosecond stamp to a UTC time.
func Time(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// Stamp is the inverse of Time.
func Stamp(t time.Time) int64 { return t.UnixNano() }
