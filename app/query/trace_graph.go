package query

import "time"

// Directions of a trace.
const (
	Downstream = "downstream"
	Upstream   = "upstream"
)

// TraceGraph is the answer of GET /api/v1/batches/{gtin}/{lot}/trace: the
// contract's holders, nodes and edges, with the batch's facts and totals.
// Upstream is set for the upstream direction only.
type TraceGraph struct {
	GTIN      string        `json:"gtin"`
	Lot       string        `json:"lot"`
	Direction string        `json:"direction"`
	Batch     TraceBatch    `json:"batch"`
	Holders   []TraceHolder `json:"holders"`
	Nodes     []TraceNode   `json:"nodes"`
	Edges     []TraceEdge   `json:"edges"`
	Totals    TraceTotals   `json:"totals"`
	Upstream  *TraceOrigin  `json:"upstream,omitempty"`
	// Transformations are the transformation edges the trace reaches
	// (absent when there are none).
	Transformations []TraceTransformation `json:"transformations,omitempty"`
}

// TraceBatch is what the batch's registration says, and the recalls naming it.
type TraceBatch struct {
	OwnerUSCC     string        `json:"owner_uscc"`
	OwnerName     string        `json:"owner_name"`
	OriginCountry string        `json:"origin_country"`
	Imported      bool          `json:"imported"`
	Quantity      int64         `json:"quantity"`
	ProducedOn    string        `json:"produced_on"`
	ExpiresOn     string        `json:"expires_on"`
	RegisteredAt  time.Time     `json:"registered_at"`
	Customs       string        `json:"customs,omitempty"`
	Recalls       []TraceRecall `json:"recalls"`
}

// TraceRecall is a recall naming the batch.
type TraceRecall struct {
	RecallID string    `json:"recall_id"`
	Level    int       `json:"level"`
	At       time.Time `json:"at"`
}

// TraceHolder is where one enterprise's units of the batch are now; each unit is
// counted once, at one holder, in one state.
type TraceHolder struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
	InStock   int64  `json:"in_stock"`
	InTransit int64  `json:"in_transit"`
	Sold      int64  `json:"sold"`
	Returned  int64  `json:"returned"`
	Destroyed int64  `json:"destroyed"`
	// Consumed units were used up as a transformation's input.
	Consumed int64 `json:"consumed,omitempty"`
	// Containers are the cases and pallets (SSCCs) holding the holder's
	// packed units of the batch now.
	Containers []string `json:"containers,omitempty"`
}

// TraceNode is a participant of the graph: an enterprise (by USCC), the
// consumers a batch was sold to, or, upstream, the origin and customs.
type TraceNode struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	USCC string `json:"uscc,omitempty"`
	Name string `json:"name"`
}

// TraceEdge is goods that went from one node to another: the units, the
// shipments and waybills that carried them, and when the first and last
// left.
type TraceEdge struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	Kind      string    `json:"kind"`
	Units     int64     `json:"units"`
	Shipments []string  `json:"shipments,omitempty"`
	Waybills  []string  `json:"waybills,omitempty"`
	FirstAt   time.Time `json:"first_at"`
	LastAt    time.Time `json:"last_at"`
}

// TraceTotals add the holders up; InStock+InTransit+Sold+Returned+Destroyed is
// the registered Quantity, since each unit is counted once.
type TraceTotals struct {
	Quantity  int64 `json:"quantity"`
	InStock   int64 `json:"in_stock"`
	InTransit int64 `json:"in_transit"`
	Sold      int64 `json:"sold"`
	Returned  int64 `json:"returned"`
	Destroyed int64 `json:"destroyed"`
	Consumed  int64 `json:"consumed,omitempty"`
}

// TraceOrigin is the upstream part of a trace: who produced or imported the
// batch, the customs declarations naming it with their port, inspections and
// decision, the batch's clearance, and the market inspections of it.
type TraceOrigin struct {
	Source            TraceSource       `json:"source"`
	OriginCountry     string            `json:"origin_country"`
	Imported          bool              `json:"imported"`
	Customs           []TraceCustoms    `json:"customs"`
	Clearance         *TraceClearance   `json:"clearance,omitempty"`
	MarketInspections []TraceInspection `json:"market_inspections"`
}

// TraceSource is the batch's importer or manufacturer and its registration.
type TraceSource struct {
	USCC         string    `json:"uscc"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	RegisteredAt time.Time `json:"registered_at"`
}

// TraceCustoms is one declaration naming the batch, with the batch's line.
type TraceCustoms struct {
	DeclarationNo string                   `json:"declaration_no"`
	Port          string                   `json:"port"`
	ImporterUSCC  string                   `json:"importer_uscc"`
	ImporterName  string                   `json:"importer_name"`
	DeclaredAt    time.Time                `json:"declared_at"`
	Quantity      int64                    `json:"quantity"`
	HSCode        string                   `json:"hs_code"`
	OriginCountry string                   `json:"origin_country"`
	Inspections   []TraceCustomsInspection `json:"inspections"`
	Decision      string                   `json:"decision,omitempty"`
	Reason        string                   `json:"reason,omitempty"`
	DecidedAt     *time.Time               `json:"decided_at,omitempty"`
}

// TraceCustomsInspection is a customs inspection result.
type TraceCustomsInspection struct {
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// TraceClearance is customs' release or rejection of the batch.
type TraceClearance struct {
	DeclarationNo string    `json:"declaration_no"`
	Decision      string    `json:"decision"`
	Reason        string    `json:"reason,omitempty"`
	At            time.Time `json:"at"`
}

// TraceInspection is a market inspection of the batch at an enterprise.
type TraceInspection struct {
	USCC     string    `json:"uscc"`
	Name     string    `json:"name"`
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// ItemPath is the path one labelled item travelled, derived at query time
// from its batch's moves (nothing is stored per item but its holder and
// state), and where it is now.
type ItemPath struct {
	Code       string `json:"code"`
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	Serial     string `json:"serial"`
	State      string `json:"state"`
	HolderUSCC string `json:"holder_uscc"`
	HolderName string `json:"holder_name"`
	// Container is the case or pallet (SSCC) the item is packed in now.
	Container string     `json:"container,omitempty"`
	Steps     []PathStep `json:"steps"`
	// Involved is every enterprise on the path, for access checks.
	Involved []string `json:"-"`
}

// PathStep is one thing that happened to the item: labelled, shipped,
// received, sold, returned or destroyed.
type PathStep struct {
	Kind       string    `json:"kind"`
	At         time.Time `json:"at"`
	USCC       string    `json:"uscc,omitempty"`
	Name       string    `json:"name,omitempty"`
	From       string    `json:"from,omitempty"`
	FromName   string    `json:"from_name,omitempty"`
	To         string    `json:"to,omitempty"`
	ToName     string    `json:"to_name,omitempty"`
	ShipmentID string    `json:"shipment_id,omitempty"`
	Waybill    string    `json:"waybill,omitempty"`
	Channel    string    `json:"channel,omitempty"`
	RecallID   string    `json:"recall_id,omitempty"`
	// Container is the case or pallet (SSCC) a shipped item travelled in.
	Container string `json:"container,omitempty"`
	// TransformationID names the transformation that consumed the item.
	TransformationID string `json:"transformation_id,omitempty"`
}

// TraceTransformation is one input batch made into one output batch by a
// transformation, reached from the traced batch: upstream its inputs and
// theirs, downstream its outputs and theirs. Depth 1 is a direct input or
// output of the traced batch.
type TraceTransformation struct {
	TransformationID string    `json:"transformation_id"`
	Input            TraceRef  `json:"input"`
	Output           TraceRef  `json:"output"`
	Units            int64     `json:"units"`
	TransformerUSCC  string    `json:"transformer_uscc"`
	TransformerName  string    `json:"transformer_name"`
	At               time.Time `json:"at"`
	Depth            int       `json:"depth"`
}

// TraceRef names a batch in a trace, with its owner.
type TraceRef struct {
	GTIN      string `json:"gtin"`
	Lot       string `json:"lot"`
	OwnerUSCC string `json:"owner_uscc,omitempty"`
	OwnerName string `json:"owner_name,omitempty"`
}

// Transformation is the answer of GET /api/v1/transformations/{id}.
type Transformation struct {
	TransformationID string                `json:"transformation_id"`
	TransformerUSCC  string                `json:"transformer_uscc"`
	TransformerName  string                `json:"transformer_name"`
	Inputs           []TransformationInput `json:"inputs"`
	Outputs          []TraceRef            `json:"outputs"`
	Note             string                `json:"note,omitempty"`
	At               time.Time             `json:"at"`
	Position         uint64                `json:"position"`
}

// TransformationInput is what a transformation used of one batch.
type TransformationInput struct {
	TraceRef
	Quantity int64    `json:"quantity,omitempty"`
	Serials  []string `json:"serials,omitempty"`
}
