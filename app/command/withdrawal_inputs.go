package command

// OrderWithdrawal orders a holder to withdraw its units of a batch from sale
// (regulators). WorkingDays is the term in Chinese working days (default
// batch.OrderWithinWorkingDays).
type OrderWithdrawal struct {
	Common
	GTIN        string `json:"gtin"`
	Lot         string `json:"lot"`
	HolderUSCC  string `json:"holder_uscc"`
	Reason      string `json:"reason"`
	Note        string `json:"note,omitempty" text:"para"`
	WorkingDays int    `json:"working_days,omitempty"`
}

// RecordWithdrawal records units of a batch a holder took off sale: the
// items (label codes of the batch) and quantity given, or with All every
// unit it has on sale. OrderID names the order it answers (reason ordered).
type RecordWithdrawal struct {
	Common
	GTIN       string   `json:"gtin"`
	Lot        string   `json:"lot"`
	HolderUSCC string   `json:"holder_uscc"`
	Reason     string   `json:"reason"`
	OrderID    string   `json:"order_id,omitempty"`
	Note       string   `json:"note,omitempty" text:"para"`
	Items      []string `json:"items,omitempty"`
	Quantity   int64    `json:"quantity,omitempty"`
	All        bool     `json:"all,omitempty"`
}

// RecordDisposal records withdrawn units of a batch a holder destroyed or
// returned to its supplier: the items and quantity given, or with All every
// unit it has withdrawn and not yet disposed of.
type RecordDisposal struct {
	Common
	GTIN         string   `json:"gtin"`
	Lot          string   `json:"lot"`
	HolderUSCC   string   `json:"holder_uscc"`
	Disposition  string   `json:"disposition"`
	SupplierUSCC string   `json:"supplier_uscc,omitempty"`
	Items        []string `json:"items,omitempty"`
	Quantity     int64    `json:"quantity,omitempty"`
	All          bool     `json:"all,omitempty"`
}
