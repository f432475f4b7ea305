package catalog

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/epcissub"
	"github.com/traceledger/traceledger/domain/location"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
	"github.com/traceledger/traceledger/domain/token"
	"github.com/traceledger/traceledger/domain/transformation"
)

// Events is the catalogue of every event type the ledger stores, built once
// at init. Adding an aggregate is one line here.
var Events = Must(
	Set{"enterprise", enterprise.Decoders},
	Set{"product", product.Decoders},
	Set{"batch", batch.Decoders},
	Set{"declaration", customs.Decoders},
	Set{"shipment", shipment.Decoders},
	Set{"complaint", complaint.Decoders},
	Set{"recall", recall.Decoders},
	Set{"notice", recall.NoticeDecoders},
	Set{"token", token.Decoders},
	Set{"container", container.Decoders},
	Set{"transformation", transformation.Decoders},
	Set{"epcisquery", epcisquery.Decoders},
	Set{"location", location.Decoders},
	Set{"capture", capture.Decoders},
	Set{"epcissub", epcissub.Decoders},
)
