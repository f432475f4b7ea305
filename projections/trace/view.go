package trace

import (
	"time"

	"github.com/traceledger/traceledger/projections/unitstate"
)

// Directions of a trace.
const (
	Downstream = "downstream"
	Upstream   = "upstream"
)

// Trace is the answer of GET /api/v1/batches/{gtin}/{lot}/trace: the
// contract's holders, nodes and edges, with the batch's facts and totals.
// Upstream is set for the upstream direction only.
type Trace struct {
	GTIN      string    `json:"gtin"`
	Lot       string    `json:"lot"`
	Direction string    `json:"direction"`
	Batch     BatchInfo `json:"batch"`
	Holders   []Holder  `json:"holders"`
	Nodes     []Node    `json:"nodes"`
	Edges     []Edge    `json:"edges"`
	Totals    Totals    `json:"totals"`
	Upstream  *Origin   `json:"upstream,omitempty"`
}

// BatchInfo is what the batch's registration says, and the recalls naming it.
type BatchInfo struct {
	OwnerUSCC     string       `json:"owner_uscc"`
	OwnerName     string       `json:"owner_name"`
	OriginCountry string       `json:"origin_country"`
	Imported      bool         `json:"imported"`
	Quantity      int64        `json:"quantity"`
	ProducedOn    string       `json:"produced_on"`
	ExpiresOn     string       `json:"expires_on"`
	RegisteredAt  time.Time    `json:"registered_at"`
	Customs       string       `json:"customs,omitempty"`
	Recalls       []RecallView `json:"recalls"`
}

// RecallView is a recall naming the batch.
type RecallView struct {
	RecallID string    `json:"recall_id"`
	Level    int       `json:"level"`
	At       time.Time `json:"at"`
}

// Holder is where one enterprise's units of the batch are now; each unit is
// counted once, at one holder, in one state.
type Holder struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
	InStock   int64  `json:"in_stock"`
	InTransit int64  `json:"in_transit"`
	Sold      int64  `json:"sold"`
	Returned  int64  `json:"returned"`
	Destroyed int64  `json:"destroyed"`
}

// Node is a participant of the graph: an enterprise (by USCC), the
// consumers a batch was sold to, or, upstream, the origin and customs.
type Node struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	USCC string `json:"uscc,omitempty"`
	Name string `json:"name"`
}

// The kinds of node.
const (
	NodeManufacturer = "manufacturer"
	NodeImporter     = "importer"
	NodeEnterprise   = "enterprise"
	NodeConsumers    = "consumers"
	NodeOrigin       = "origin"
	NodeCustoms      = "customs"
)

// ConsumersID is the id of the node every sale goes to.
const ConsumersID = "consumers"

// Edge is goods that went from one node to another: the units, the
// shipments and waybills that carried them, and when the first and last
// left.
type Edge struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	Kind      string    `json:"kind"`
	Units     int64     `json:"units"`
	Shipments []string  `json:"shipments,omitempty"`
	Waybills  []string  `json:"waybills,omitempty"`
	FirstAt   time.Time `json:"first_at"`
	LastAt    time.Time `json:"last_at"`
}

// The kinds of edge.
const (
	EdgeShipment = "shipment"
	EdgeSale     = "sale"
	EdgeImport   = "import"
	EdgeClear    = "clearance"
	EdgeProduce  = "production"
)

// Totals add the holders up; InStock+InTransit+Sold+Returned+Destroyed is
// the registered Quantity, since each unit is counted once.
type Totals struct {
	Quantity  int64 `json:"quantity"`
	InStock   int64 `json:"in_stock"`
	InTransit int64 `json:"in_transit"`
	Sold      int64 `json:"sold"`
	Returned  int64 `json:"returned"`
	Destroyed int64 `json:"destroyed"`
}

func at(ns int64) time.Time { return unitstate.Time(ns) }
