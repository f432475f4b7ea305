// Package shipment is the shipment aggregate: the header of a movement of
// goods between two enterprises (购销台账), and its receipt. The units
// themselves move in the batches' streams.
package shipment

import (
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Event type names, written by hand and versioned.
const (
	TypeDispatched = "shipment.dispatched.v1"
	TypeReceived   = "shipment.received.v1"
)

// BatchKey names a batch a shipment carries.
type BatchKey struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
}

// Dispatched: a shipment left the sender.
type Dispatched struct {
	ShipmentID string     `json:"shipment_id"`
	FromUSCC   string     `json:"from_uscc"`
	ToUSCC     string     `json:"to_uscc"`
	Waybill    string     `json:"waybill"`
	Batches    []BatchKey `json:"batches"`
	Units      int64      `json:"units"`
	// Containers are the SSCCs (outer and inner) travelling in the
	// shipment with the units in them; its receipt receives them too.
	Containers []string `json:"containers,omitempty"`
}

// Received: the receiver confirmed it.
type Received struct {
	ShipmentID string `json:"shipment_id"`
	ToUSCC     string `json:"to_uscc"`
}

// EventType names the event.
func (Dispatched) EventType() string { return TypeDispatched }

// EventType names the event.
func (Received) EventType() string { return TypeReceived }

// Shipment is a dispatched shipment.
type Shipment struct {
	aggregate.Root
	d        Dispatched
	received bool
}

// Stream is the shipment's stream name.
func Stream(id string) string { return "shipment-" + id }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeDispatched: aggregate.As[Dispatched](),
	TypeReceived:   aggregate.As[Received](),
}

// Load rebuilds a shipment from its stream.
func Load(recs []event.Record) (*Shipment, error) {
	s := &Shipment{}
	return s, aggregate.Replay("shipment", recs, Decoders, &s.Root, s.apply)
}

// Dispatch records the shipment once: goods leave from for to under a
// waybill. The units themselves move in the batches' streams.
func (s *Shipment) Dispatch(id string, from, to ident.USCC, waybill string, goods batch.Goods) error {
	return s.DispatchIn(id, from, to, waybill, goods, nil)
}

// DispatchIn is Dispatch for goods some of which travel in containers
// (every SSCC, outer and inner).
func (s *Shipment) DispatchIn(id string, from, to ident.USCC, waybill string, goods batch.Goods, containers []string) error {
	if s.Exists() {
		return domain.Conflict("shipment_already_exists", "shipment %s already exists", id)
	}
	if strings.TrimSpace(waybill) == "" {
		return domain.Invalid("waybill", "required", "is required")
	}
	d := Dispatched{ShipmentID: id, FromUSCC: from.String(), ToUSCC: to.String(), Waybill: waybill, Units: goods.Count(), Containers: containers}
	for _, p := range goods.Parcels() {
		d.Batches = append(d.Batches, BatchKey{GTIN: p.GTIN.String(), Lot: p.Lot.String()})
	}
	s.Raise(d, s.apply)
	return nil
}

// Receive confirms the shipment at its receiver, once: by the receiving
// enterprise, or a regulator on its behalf.
func (s *Shipment) Receive(by access.Actor) error {
	// Only the parties to a shipment (and regulators) learn that it exists;
	// of them, only the receiver confirms it.
	if !s.Exists() || (by.IsEnterprise() && by.USCC != s.d.ToUSCC && by.USCC != s.d.FromUSCC) {
		return domain.NotFound("id", "shipment_not_known", "shipment is not known")
	}
	if err := by.ActsFor(s.d.ToUSCC, "id"); err != nil {
		return domain.Forbidden("id", "only_receiver_confirms_receipt_shipment", "only the receiver confirms the receipt of a shipment")
	}
	if s.received {
		return domain.Conflict("shipment_was_already_received", "shipment %s was already received", s.d.ShipmentID)
	}
	s.Raise(Received{ShipmentID: s.d.ShipmentID, ToUSCC: s.d.ToUSCC}, s.apply)
	return nil
}

func (s *Shipment) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Dispatched:
		s.d = ev
	case Received:
		s.received = true
	}
}

// Exists reports whether the shipment was dispatched.
func (s *Shipment) Exists() bool { return s.d.ShipmentID != "" }

// To is the receiver.
func (s *Shipment) To() string { return s.d.ToUSCC }

// Batches are the batches the shipment carries.
func (s *Shipment) Batches() []BatchKey { return s.d.Batches }

// Containers are the SSCCs travelling in the shipment.
func (s *Shipment) Containers() []string { return s.d.Containers }
