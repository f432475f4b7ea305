package trace

import (
	"time"

	"github.com/traceledger/traceledger/projections/unitstate"
)

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

// The kinds of edge.
const (
	EdgeShipment = "shipment"
	EdgeSale     = "sale"
	EdgeImport   = "import"
	EdgeClear    = "clearance"
	EdgeProduce  = "production"
)

func at(ns int64) time.Time { return unitstate.Time(ns) }
