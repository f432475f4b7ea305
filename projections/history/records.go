package history

import "github.com/traceledger/traceledger/projections/certificate"

// Index 0 of the enterprise, batch and item tables is a placeholder, so that
// 0 means "none" in every reference and references stay 4 bytes.

// enterpriseRec is an enterprise every event naming it points at.
type enterpriseRec struct {
	USCC      string   `json:"uscc"`
	Name      string   `json:"name,omitempty"`
	Ecommerce bool     `json:"ecommerce,omitempty"`
	Positions []uint64 `json:"positions,omitempty"`
}

// productRec is a GTIN: its registration and certificate for the card, its
// history, who held its goods, and its serials (the SGTIN index).
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
	Positions    []uint64         `json:"positions,omitempty"`
	Holders      []uint32         `json:"holders,omitempty"`
	// serials maps a serial to the first item of this GTIN carrying it;
	// items of other lots with the same serial follow through item.Next.
	// Rebuilt from the items on Restore.
	serials map[string]uint32
}

// recallMark is a recall naming a batch.
type recallMark struct {
	ID    string `json:"id"`
	Level int    `json:"level"`
	// Reason is the recall's reason, an index into texts (0: none known).
	Reason uint32 `json:"reason,omitempty"`
	// Hazard and Measures are the plan's public part, what the card tells
	// the consumer (indexes into texts), and Initiator who runs the recall.
	// The plan's contact is not kept: it may name a person.
	Hazard    uint32 `json:"hazard,omitempty"`
	Measures  uint32 `json:"measures,omitempty"`
	Initiator uint32 `json:"initiator,omitempty"`
}

// batchRec is a GTIN + lot. Positions are every event of the batch; Wide,
// a subset, those that concern every unit of it (see the package doc).
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
	Positions   []uint64     `json:"positions,omitempty"`
	Wide        []uint64     `json:"wide,omitempty"`
	Holders     []uint32     `json:"holders,omitempty"`
}

// item is one labelled unit. Its Positions are the events naming its
// serial; the batch's Wide events are merged in at query time, so they are
// stored once per batch rather than once per unit.
type item struct {
	Serial    string   `json:"s"`
	Batch     uint32   `json:"b"`
	Next      uint32   `json:"-"`
	Positions []uint64 `json:"p"`
	Holders   []uint32 `json:"h"`
}

// Kinds of move: the events that name serials, kept for the card.
const (
	moveLabelled uint8 = iota + 1
	moveShipped
	moveReceived
	moveSold
	moveReturned
	moveDestroyed
)

// move is what the card needs of an event naming serials, kept once per
// event (not per unit) and found by position: when it happened (Unix
// nanoseconds), who sent or sold (From), who received or labelled (To), and
// a waybill, sale channel or recall id (Text, an index into texts).
type move struct {
	Pos  uint64 `json:"p"`
	At   int64  `json:"t"`
	Kind uint8  `json:"k"`
	From uint32 `json:"f,omitempty"`
	To   uint32 `json:"o,omitempty"`
	Text uint32 `json:"x,omitempty"`
}

// declarationRec is a customs declaration, for the card and to attribute
// its inspection and decision to its batches and importer.
type declarationRec struct {
	Importer   uint32   `json:"importer,omitempty"`
	Port       string   `json:"port,omitempty"`
	Batches    []uint32 `json:"batches,omitempty"`
	Inspection string   `json:"inspection,omitempty"`
	Decision   string   `json:"decision,omitempty"`
	DecidedAt  int64    `json:"decided_at,omitempty"`
}

// shipmentRec is a shipment not yet received: its receipt names only the
// shipment, and is attributed to the batches it carried. Dropped once
// received.
type shipmentRec struct {
	Batches []uint32 `json:"batches"`
}

// complaintRec is an open complaint: its resolution is attributed to what
// the complaint named. Dropped once resolved.
type complaintRec struct {
	GTIN  string `json:"gtin"`
	Batch uint32 `json:"batch,omitempty"`
	Item  uint32 `json:"item,omitempty"`
	// Wide: the complaint names the batch, not one unit of it.
	Wide bool `json:"wide,omitempty"`
}

// recallRec is an open recall: its closure is attributed to its batches
// and initiator. Dropped once closed.
type recallRec struct {
	Batches   []uint32 `json:"batches"`
	Initiator uint32   `json:"initiator,omitempty"`
	Reason    uint32   `json:"reason,omitempty"`   // an index into texts
	Hazard    uint32   `json:"hazard,omitempty"`   // an index into texts
	Measures  uint32   `json:"measures,omitempty"` // an index into texts
}
