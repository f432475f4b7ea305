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
	// NodeBatch is another batch in a trace across transformations
	// ("batch:{gtin}/{lot}"): an input upstream, an output downstream.
	NodeBatch = "batch"
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
	// EdgeTransform: an input batch made into an output batch.
	EdgeTransform = "transformation"
)

func at(ns int64) time.Time { return unitstate.Time(ns) }
