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
// supplier. Either way the units leave the holder's stock (AsReturn).
type Disposed struct {
	GTIN         string `json:"gtin"`
	Lot          string `json:"lot"`
	HolderUSCC   string `json:"holder_uscc"`
	Disposition  string `json:"disposition"`
	SupplierUSCC string `json:"supplier_uscc,omitempty"`
	Units
}

// AsReturn is the one rule of how a disposal moves units, which the batch
// aggregate and every fold of holdings apply: exactly like a return under a
// recall by the holder, with no recall. Destroyed units are destroyed;
// units returned to the supplier are returned: they leave the holder and do
// not enter the supplier's stock (no shipment carries them, and a supplier
// takes them back to dispose of, not to sell).
func (d Disposed) AsReturn() Returned {
	disposition := DispositionReturned
	if d.Disposition == DispositionDestroyed {
		disposition = DispositionDestroyed
	}
	return Returned{GTIN: d.GTIN, Lot: d.Lot, HolderUSCC: d.HolderUSCC, Disposition: disposition, Units: d.Units}
}

// EventType names the event.
func (WithdrawalOrdered) EventType() string { return TypeWithdrawalOrdered }

// EventType names the event.
func (Withdrawn) EventType() string { return TypeWithdrawn }

// EventType names the event.
func (Disposed) EventType() string { return TypeDisposed }
