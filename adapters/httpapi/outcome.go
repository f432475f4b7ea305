package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/traceledger/traceledger/app/command"
)

// outcomeBody is a command's 201 answer. The four keys of the first event
// appended (the command's own aggregate: the shipment, the recall, the
// declaration) are always at the top level, so a client of a one-event command
// and of a several-event one read the same fields; Events lists them all
// when there are several. Head is the highest position appended: read
// models that have reached it reflect the command.
type outcomeBody struct {
	EventID     string             `json:"event_id,omitempty"`
	Stream      string             `json:"stream,omitempty"`
	Version     uint64             `json:"version,omitempty"`
	Position    uint64             `json:"position,omitempty"`
	Events      []command.Appended `json:"events,omitempty"`
	ShipmentID  string             `json:"shipment_id,omitempty"`
	ComplaintID string             `json:"complaint_id,omitempty"`
	RecallID    string             `json:"recall_id,omitempty"`
	Labels      []command.Label    `json:"labels,omitempty"`
	OrderID     string             `json:"order_id,omitempty"`
	// FollowUpCode is the public intake's secret for the consumer; the
	// intake takes no idempotency key, so this answer is never kept.
	FollowUpCode string `json:"follow_up_code,omitempty"`
	Head         uint64 `json:"head"`
	// TransformationID names a recorded transformation.
	TransformationID string `json:"transformation_id,omitempty"`
}

// commandResponse renders an outcome as the answer the contract gives, in
// the form kept for idempotent replays.
func commandResponse(out command.Outcome) (SavedResponse, error) {
	b := outcomeBody{
		ShipmentID:  out.ShipmentID,
		ComplaintID: out.ComplaintID,
		RecallID:    out.RecallID,
		Labels:      out.Labels,
		Head:        out.Head(),
	}
	b.OrderID = out.OrderID
	b.FollowUpCode = out.FollowUpCode
	b.TransformationID = out.TransformationID
	if n := len(out.Events); n > 0 {
		first := out.Events[0]
		b.EventID, b.Stream, b.Version, b.Position = first.EventID.String(), first.Stream, first.Version, first.Position
		if n > 1 {
			b.Events = out.Events
		}
	}
	body, err := json.Marshal(b)
	if err != nil {
		return SavedResponse{}, fmt.Errorf("encode outcome: %w", err)
	}
	return SavedResponse{Status: http.StatusCreated, Body: append(body, '\n'), Position: b.Head}, nil
}
