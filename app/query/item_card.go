package query

import "time"

// ItemKey names one labelled unit: GTIN-14, lot and serial.
type ItemKey struct {
	GTIN, Lot, Serial string
}

// BatchKey names a batch: GTIN-14 and lot.
type BatchKey struct {
	GTIN, Lot string
}

// PositionPage is one page of a long history: the positions after the asked one,
// in log order (newest first when the page was asked so). Next is the last position of the page when more follow
// (ask again with after = Next), 0 when the history ends here.
type PositionPage struct {
	Positions []uint64
	Next      uint64
}

// PageSpec is which page of a history to read. After is the cursor, the
// Next of the page before (0: from the start, the oldest event, or with
// Desc the newest); Limit bounds the page (below 1: no bound); From and To,
// when set, keep only the events that occurred (by their occurred_at) at or
// after From and before To; Desc reads newest first.
type PageSpec struct {
	After    uint64
	Limit    int
	From, To time.Time
	Desc     bool
}

// ItemCard is an item's public traceability card (身份证), the fields of
// DOMAIN.md composed from the item's events and its batch's, product's and
// certificate's state. It holds no personal data: enterprises by name and
// USCC, never contacts. Fields the ledger has no event for are empty.
type ItemCard struct {
	Code              string `json:"code"`
	GTIN              string `json:"gtin"`
	Lot               string `json:"lot"`
	Serial            string `json:"serial"`
	ProductName       string `json:"product_name,omitempty"`
	Brand             string `json:"brand,omitempty"`
	Spec              string `json:"spec,omitempty"`
	Category          string `json:"category,omitempty"`
	OriginCountry     string `json:"origin_country,omitempty"`
	Manufacturer      string `json:"manufacturer,omitempty"`
	Importer          string `json:"importer,omitempty"`
	ImporterUSCC      string `json:"importer_uscc,omitempty"`
	CertificateNo     string `json:"certificate_no,omitempty"`
	CertificateStatus string `json:"certificate_status"`
	RecordNo          string `json:"record_no,omitempty"`
	// ECommercePlatform is the sale channel and ECommerceEnterprise the
	// seller, when the seller is registered with the ecommerce role.
	ECommercePlatform       string `json:"ecommerce_platform,omitempty"`
	ECommerceEnterprise     string `json:"ecommerce_enterprise,omitempty"`
	ECommerceEnterpriseUSCC string `json:"ecommerce_enterprise_uscc,omitempty"`
	DeclarationNo           string `json:"declaration_no,omitempty"`
	Port                    string `json:"port,omitempty"`
	InspectionResult        string `json:"inspection_result,omitempty"`
	// CustomsDecision is released or rejected once customs decided.
	CustomsDecision string `json:"customs_decision,omitempty"`
	ReleasedOn      string `json:"released_on,omitempty"`
	ProducedOn      string `json:"produced_on,omitempty"`
	ExpiresOn       string `json:"expires_on,omitempty"`
	// WarehouseIntake is when the label was bound at intake (入仓理货), and
	// by whom.
	WarehouseIntake       string `json:"warehouse_intake,omitempty"`
	WarehouseIntakeBy     string `json:"warehouse_intake_by,omitempty"`
	WarehouseIntakeByUSCC string `json:"warehouse_intake_by_uscc,omitempty"`
	// Waybill is the last waybill the item travelled under; Waybills all of
	// them, in order.
	Waybill     string   `json:"waybill,omitempty"`
	Waybills    []string `json:"waybills,omitempty"`
	Seller      string   `json:"seller,omitempty"`
	SellerUSCC  string   `json:"seller_uscc,omitempty"`
	SoldOn      string   `json:"sold_on,omitempty"`
	SaleChannel string   `json:"sale_channel,omitempty"`
	// RecallStatus is none, recalled (its batch is named by a recall),
	// returned or destroyed (the unit itself was accounted for under one);
	// RecallID and RecallLevel name that recall.
	RecallStatus string `json:"recall_status"`
	RecallID     string `json:"recall_id,omitempty"`
	RecallLevel  int    `json:"recall_level,omitempty"`
	// RecallReason is why the item's batch is recalled, for the consumer
	// who scanned it.
	RecallReason string `json:"recall_reason,omitempty"`
	// RecallHazard and RecallMeasures are the public part of the recall's
	// plan: the harm, and what holders and consumers are asked to do.
	// RecallBy is the enterprise running the recall. The plan's contact is
	// not on the card: it may name a person (the card holds no personal
	// data); the consumer returns the item where it was bought (Seller).
	RecallHazard   string `json:"recall_hazard,omitempty"`
	RecallMeasures string `json:"recall_measures,omitempty"`
	RecallBy       string `json:"recall_by,omitempty"`
	RecallByUSCC   string `json:"recall_by_uscc,omitempty"`

	// Owner is the enterprise that registered the product (the brand owner
	// the manufacturer's name stands for), by name and USCC, so the card
	// can link it.
	Owner     string `json:"owner,omitempty"`
	OwnerUSCC string `json:"owner_uscc,omitempty"`
	// Holder is the enterprise that has the unit now: who labelled it, then
	// who last received it; empty once it is sold, returned under a recall
	// or destroyed.
	Holder     string `json:"holder,omitempty"`
	HolderUSCC string `json:"holder_uscc,omitempty"`
}
