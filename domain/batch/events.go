// Package batch is the batch aggregate (批次): a GTIN + lot and every unit of
// it. The batch is the consistency boundary for goods: labelling, customs
// clearance, shipments, receipts, sales, recall returns and market inspections
// of its units are decided here, so "nobody ships what they do not hold" and
// "an item is sold once" hold under concurrency by the stream's version.
package batch

// Event type names, written by hand and versioned.
const (
	TypeRegistered = "batch.registered.v1"
	TypeLabelled   = "batch.labelled.v1"
	TypeCleared    = "batch.cleared.v1"
	TypeShipped    = "goods.shipped.v1"
	TypeReceived   = "goods.received.v1"
	TypeSold       = "goods.sold.v1"
	TypeRecalled   = "batch.recalled.v1"
	TypeReturned   = "goods.returned.v1"
	TypeInspected  = "batch.inspected.v1"
)

// Units are the units an event moves: labelled items by serial, and a
// quantity of unlabelled units.
type Units struct {
	Serials  []string `json:"serials,omitempty"`
	Quantity int64    `json:"quantity,omitempty"`
}

// Count is how many units.
func (u Units) Count() int64 { return int64(len(u.Serials)) + u.Quantity }

// Registered: a batch produced (domestic) or imported, and who owns it.
type Registered struct {
	GTIN          string `json:"gtin"`
	Lot           string `json:"lot"`
	Quantity      int64  `json:"quantity"`
	ProducedOn    string `json:"produced_on"`
	ExpiresOn     string `json:"expires_on"`
	OwnerUSCC     string `json:"owner_uscc"`
	OriginCountry string `json:"origin_country"`
	Imported      bool   `json:"imported"`
}

// Labelled: labels bound to units at warehouse intake (入仓理货).
type Labelled struct {
	GTIN      string   `json:"gtin"`
	Lot       string   `json:"lot"`
	OwnerUSCC string   `json:"owner_uscc"`
	Serials   []string `json:"serials"`
}

// Cleared: customs released or rejected the batch under a declaration.
type Cleared struct {
	GTIN          string `json:"gtin"`
	Lot           string `json:"lot"`
	DeclarationNo string `json:"declaration_no"`
	Decision      string `json:"decision"`
	Reason        string `json:"reason,omitempty"`
}

// Shipped: units leave one enterprise for another.
type Shipped struct {
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	ShipmentID string `json:"shipment_id"`
	FromUSCC   string `json:"from_uscc"`
	ToUSCC     string `json:"to_uscc"`
	Waybill    string `json:"waybill"`
	// Containers are the SSCCs the units travel in (outer and inner); a
	// packed unit is shipped only with its container.
	Containers []string `json:"containers,omitempty"`
	Units
}

// Received: the receiver confirmed the units of a shipment.
type Received struct {
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	ShipmentID string `json:"shipment_id"`
	ToUSCC     string `json:"to_uscc"`
	Units
}

// Sold: units sold to consumers on a channel.
type Sold struct {
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	SellerUSCC string `json:"seller_uscc"`
	Channel    string `json:"channel"`
	Units
}

// Recalled: the batch is named by a recall; its units may no longer be
// shipped or sold.
type Recalled struct {
	GTIN     string `json:"gtin"`
	Lot      string `json:"lot"`
	RecallID string `json:"recall_id"`
	Level    int    `json:"level"`
}

// Returned: a holder returned or destroyed units under a recall.
type Returned struct {
	GTIN        string `json:"gtin"`
	Lot         string `json:"lot"`
	RecallID    string `json:"recall_id"`
	HolderUSCC  string `json:"holder_uscc"`
	Disposition string `json:"disposition"`
	Units
}

// Inspected: a market inspection (抽检) sampled the batch at an enterprise.
type Inspected struct {
	GTIN           string `json:"gtin"`
	Lot            string `json:"lot"`
	EnterpriseUSCC string `json:"enterprise_uscc"`
	Result         string `json:"result"`
	Findings       string `json:"findings,omitempty"`
}

// EventType names the event.
func (Registered) EventType() string { return TypeRegistered }

// EventType names the event.
func (Labelled) EventType() string { return TypeLabelled }

// EventType names the event.
func (Cleared) EventType() string { return TypeCleared }

// EventType names the event.
func (Shipped) EventType() string { return TypeShipped }

// EventType names the event.
func (Received) EventType() string { return TypeReceived }

// EventType names the event.
func (Sold) EventType() string { return TypeSold }

// EventType names the event.
func (Recalled) EventType() string { return TypeRecalled }

// EventType names the event.
func (Returned) EventType() string { return TypeReturned }

// EventType names the event.
func (Inspected) EventType() string { return TypeInspected }
