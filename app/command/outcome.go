package command

import (
	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/event"
)

// Appended is one event a command appended: the answer a client gets.
type Appended struct {
	EventID  uuid.UUID `json:"event_id"`
	Stream   string    `json:"stream"`
	Version  uint64    `json:"version"`
	Position uint64    `json:"position"`
}

// Label is one label a labelling command bound: its serial and Digital Link.
type Label struct {
	Serial string `json:"serial"`
	Code   string `json:"code"`
}

// Outcome is what a command did: the events it appended and, for commands that
// create something, its id.
type Outcome struct {
	Events      []Appended `json:"events"`
	ShipmentID  string     `json:"shipment_id,omitempty"`
	ComplaintID string     `json:"complaint_id,omitempty"`
	RecallID    string     `json:"recall_id,omitempty"`
	Labels      []Label    `json:"labels,omitempty"`
	OrderID     string     `json:"order_id,omitempty"` // a withdrawal order's id
	// TransformationID is a recorded transformation's id.
	TransformationID string `json:"transformation_id,omitempty"`
	// SubscriptionID is a new EPCIS query subscription's id.
	SubscriptionID string `json:"subscription_id,omitempty"`
	// FollowUpCode is the secret a consumer follows its complaint with:
	// answered once, by the public intake, and never stored in clear.
	FollowUpCode string `json:"follow_up_code,omitempty"`
}

// Head is the highest position the command appended (0 if none).
func (o Outcome) Head() uint64 {
	var h uint64
	for _, e := range o.Events {
		if e.Position > h {
			h = e.Position
		}
	}
	return h
}

func outcomeOf(recs []event.Record) Outcome {
	out := Outcome{Events: make([]Appended, len(recs))}
	for i, r := range recs {
		out.Events[i] = Appended{EventID: r.ID, Stream: r.Stream, Version: r.Version, Position: r.Position}
	}
	return out
}
