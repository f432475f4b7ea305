// Package container is the container aggregate: a case or pallet named by its
// SSCC, holding labelled units and other containers (cases on a pallet) at
// one holder. Packing and unpacking are GS1 aggregation (EPCIS
// AggregationEvent ADD and DELETE); shipping a container ships everything in
// it, and the container moves with its contents. Which container a unit is
// in is decided by the unit's batch (domain/batch), so "a unit is in at most
// one container" holds under concurrency by the batch stream's version;
// which container a container is in is decided here, on the inner
// container's own stream.
package container

// Event type names, written by hand and versioned.
const (
	TypePacked     = "container.packed.v1"
	TypeUnpacked   = "container.unpacked.v1"
	TypeNested     = "container.nested.v1"
	TypeUnnested   = "container.unnested.v1"
	TypeDispatched = "container.dispatched.v1"
	TypeReceived   = "container.received.v1"
)

// Item is a labelled unit in a container.
type Item struct {
	GTIN   string `json:"gtin"`
	Lot    string `json:"lot"`
	Serial string `json:"serial"`
}

// Packed: units and inner containers were put into the container at its
// holder (the first packing brings the container into being there).
type Packed struct {
	SSCC       string   `json:"sscc"`
	HolderUSCC string   `json:"holder_uscc"`
	Items      []Item   `json:"items,omitempty"`
	Containers []string `json:"containers,omitempty"`
}

// Unpacked: units and inner containers were taken out of the container.
// All says everything was (an unpacking that named nothing).
type Unpacked struct {
	SSCC       string   `json:"sscc"`
	HolderUSCC string   `json:"holder_uscc"`
	Items      []Item   `json:"items,omitempty"`
	Containers []string `json:"containers,omitempty"`
	All        bool     `json:"all,omitempty"`
}

// Nested: the container was put into an outer container.
type Nested struct {
	SSCC       string `json:"sscc"`
	ParentSSCC string `json:"parent_sscc"`
	HolderUSCC string `json:"holder_uscc"`
}

// Unnested: the container was taken out of its outer container.
type Unnested struct {
	SSCC       string `json:"sscc"`
	ParentSSCC string `json:"parent_sscc"`
	HolderUSCC string `json:"holder_uscc"`
}

// Dispatched: the container left its holder in a shipment, with everything
// in it.
type Dispatched struct {
	SSCC       string `json:"sscc"`
	ShipmentID string `json:"shipment_id"`
	FromUSCC   string `json:"from_uscc"`
	ToUSCC     string `json:"to_uscc"`
}

// Received: the shipment's receiver confirmed it; the container is its now.
type Received struct {
	SSCC       string `json:"sscc"`
	ShipmentID string `json:"shipment_id"`
	ToUSCC     string `json:"to_uscc"`
}

// EventType names the event.
func (Packed) EventType() string { return TypePacked }

// EventType names the event.
func (Unpacked) EventType() string { return TypeUnpacked }

// EventType names the event.
func (Nested) EventType() string { return TypeNested }

// EventType names the event.
func (Unnested) EventType() string { return TypeUnnested }

// EventType names the event.
func (Dispatched) EventType() string { return TypeDispatched }

// EventType names the event.
func (Received) EventType() string { return TypeReceived }
