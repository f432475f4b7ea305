package history

import "github.com/traceledger/traceledger/projections/certificate"

// The records a history's queries and the card read, each stored as small
// JSON under its own key (keys.go). Enterprises are referred to by their
// index in the enterprise table (0: none), so references stay 4 bytes.

// entRec is an enterprise, in the table every event naming it points at.
type entRec struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name,omitempty"`
	Ecommerce bool   `json:"ecommerce,omitempty"`
}

// productRec is a GTIN: its registration and certificate for the card.
// Its history and holders are keys of their own.
type productRec struct {
	GTIN         string           `json:"gtin"`
	Registered   bool             `json:"registered,omitempty"`
	Name         string           `json:"name,omitempty"`
	Brand        string           `json:"brand,omitempty"`
	Spec         string           `json:"spec,omitempty"`
	Category     string           `json:"category,omitempty"`
	Origin       string           `json:"origin,omitempty"`
	Manufacturer string           `json:"manufacturer,omitempty"`
	Owner        uint32           `json:"owner,omitempty"`
	Cert         certificate.Cert `json:"cert"`
}

// bkey names a batch: GTIN-14 and lot.
type bkey struct {
	GTIN string `json:"g"`
	Lot  string `json:"l"`
}

// recallMark is a recall naming a batch, with what the card tells the
// consumer of it: reason, the plan's public part (hazard, measures) and who
// runs it. The plan's contact is not kept: it may name a person.
type recallMark struct {
	ID        string `json:"id"`
	Level     int    `json:"level"`
	Reason    string `json:"reason,omitempty"`
	Hazard    string `json:"hazard,omitempty"`
	Measures  string `json:"measures,omitempty"`
	Initiator uint32 `json:"initiator,omitempty"`
}

// batchRec is a GTIN + lot, what its units' cards show. Its history (every
// event of the batch), its wide history (those that concern every unit of
// it, see the package doc) and its holders are keys of their own.
type batchRec struct {
	GTIN        string       `json:"gtin"`
	Lot         string       `json:"lot"`
	Registered  bool         `json:"registered,omitempty"`
	ProducedOn  string       `json:"produced_on,omitempty"`
	ExpiresOn   string       `json:"expires_on,omitempty"`
	Owner       uint32       `json:"owner,omitempty"`
	Imported    bool         `json:"imported,omitempty"`
	Declaration string       `json:"declaration,omitempty"`
	Cleared     string       `json:"cleared,omitempty"`
	Recalls     []recallMark `json:"recalls,omitempty"`
	// No is the batch's number (keys.go).
	No uint32 `json:"no,omitempty"`
}

// Kinds of move: the events that name serials, kept for the card.
const (
	moveLabelled uint8 = iota + 1
	moveShipped
	moveReceived
	moveSold
	moveReturned
	moveDestroyed
	// moveHeld is a packing, unpacking or consumption: the card shows
	// nothing of it, but its holder held the units.
	moveHeld
)

// move is what the card needs of an event naming serials, kept once per
// event (not per unit) under its position: when it happened (Unix
// nanoseconds), who sent or sold (From), who received or labelled (To), and
// a waybill, sale channel or recall id (Text). From and To are also the
// enterprises the event makes holders of its units: a unit's holders are
// read from the moves of its history rather than kept per unit.
type move struct {
	At   int64
	Kind uint8
	From uint32
	To   uint32
	Text string
}

// declarationRec is a customs declaration, for the card and to attribute
// its inspection and decision to its batches and importer.
type declarationRec struct {
	Importer   uint32 `json:"importer,omitempty"`
	Port       string `json:"port,omitempty"`
	Batches    []bkey `json:"batches,omitempty"`
	Inspection string `json:"inspection,omitempty"`
	Decision   string `json:"decision,omitempty"`
	DecidedAt  int64  `json:"decided_at,omitempty"`
}

// shipmentRec is a shipment not yet received: its receipt names only the
// shipment, and is attributed to the batches it carried. Dropped once
// received.
type shipmentRec struct {
	Batches []bkey `json:"batches"`
}

// complaintRec is an open complaint: its resolution is attributed to what
// the complaint named. Dropped once resolved.
type complaintRec struct {
	GTIN  string `json:"gtin"`
	Batch *bkey  `json:"batch,omitempty"`
	// Serial is the unit of Batch it names, when the ledger knows it.
	Serial string `json:"serial,omitempty"`
	// Wide: the complaint names the batch, not one unit of it.
	Wide bool `json:"wide,omitempty"`
}

// recallRec is an open recall: its closure is attributed to its batches
// and initiator. Dropped once closed.
type recallRec struct {
	Batches   []bkey `json:"batches"`
	Initiator uint32 `json:"initiator,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Hazard    string `json:"hazard,omitempty"`
	Measures  string `json:"measures,omitempty"`
}
