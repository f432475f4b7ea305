package batch

// Event type names of withdrawal from sale (退市), written by hand and
// versioned.
const (
	TypeWithdrawalOrdered = "batch.withdrawal_ordered.v1"
	TypeWithdrawn         = "batch.withdrawn.v1"
	TypeDisposed          = "batch.disposed.v1"
)

// WithdrawalOrdered: a regulator ordered a holder to withdraw its units of
// the batch from sale by a deadline (Chinese working days after the order,
// RFC 3339).
type WithdrawalOrdered struct {
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	OrderID    string `json:"order_id"`
	HolderUSCC string `json:"holder_uscc"`
	Reason     string `json:"reason"`
	Note       string `json:"note,omitempty"`
	Deadline   string `json:"deadline"`
}

// Withdrawn: a holder took units of the batch off sale (下架退市): they stay
// at the holder, no longer sellable or shippable, until disposed of. OrderID
// names the regulator's order the withdrawal answers, if any.
type Withdrawn struct {
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	HolderUSCC string `json:"holder_uscc"`
	Reason     string `json:"reason"`
	OrderID    string `json:"order_id,omitempty"`
	Note       string `json:"note,omitempty"`
	Units
}

// Disposed: a holder destroyed withdrawn units, or returned them to their
// supplier.
type Disposed struct {
	GTIN         string `json:"gtin"`
	Lot          string `json:"lot"`
	HolderUSCC   string `json:"holder_uscc"`
	Disposition  string `json:"disposition"`
	SupplierUSCC string `json:"supplier_uscc,omitempty"`
	Units
}

// EventType names the event.
func (WithdrawalOrdered) EventType() string { return TypeWithdrawalOrdered }

// EventType names the event.
func (Withdrawn) EventType() string { return TypeWithdrawn }

// EventType names the event.
func (Disposed) EventType() string { return TypeDisposed }
