package command

import "time"

// The inputs of every command, as clients send them (snake_case JSON). Fields
// are raw: each handler validates them into value types and names the field
// of the first problem in a *domain.FieldError. Path parameters are carried in
// fields tagged `json:"-"`, set by the caller.

// Common carries what every command may say.
type Common struct {
	// OccurredAt defaults to now.
	OccurredAt *time.Time `json:"occurred_at,omitempty"`
}

// RegisterEnterprise registers an enterprise (regulator only).
type RegisterEnterprise struct {
	Common
	USCC          string   `json:"uscc"`
	Name          string   `json:"name"`
	Region        string   `json:"region"`
	Roles         []string `json:"roles"`
	FoodOperator  bool     `json:"food_operator"`
	Contact       string   `json:"contact,omitempty"`
	WebhookURL    string   `json:"webhook_url,omitempty" text:"2048"`
	WebhookSecret string   `json:"webhook_secret,omitempty"`
}

// RegisterProduct registers a product (GTIN).
type RegisterProduct struct {
	Common
	GTIN          string `json:"gtin"`
	Name          string `json:"name"`
	Brand         string `json:"brand"`
	Spec          string `json:"spec"`
	Category      string `json:"category"`
	OriginCountry string `json:"origin_country"`
	Manufacturer  string `json:"manufacturer"`
	OwnerUSCC     string `json:"owner_uscc"`
	ShelfLifeDays int    `json:"shelf_life_days"`
}

// NotifyBarcode is an importer's barcode data notification (通报).
type NotifyBarcode struct {
	Common
	GTIN         string `json:"-"`
	NotifierUSCC string `json:"notifier_uscc"`
	RecordNo     string `json:"record_no,omitempty"`
}

// VerifyBarcode records the verification outcome: issue or reject (regulator).
type VerifyBarcode struct {
	Common
	GTIN      string `json:"-"`
	Valid     *bool  `json:"valid"`
	Reason    string `json:"reason,omitempty" text:"para"`
	ValidDays int    `json:"valid_days,omitempty"`
}

// RevokeCertificate revokes an issued certificate (regulator).
type RevokeCertificate struct {
	Common
	GTIN   string `json:"-"`
	Reason string `json:"reason" text:"para"`
}

// RenewCertificate extends an issued certificate before it expires, on its
// holder's application (regulator).
type RenewCertificate struct {
	Common
	GTIN      string `json:"-"`
	ValidDays int    `json:"valid_days,omitempty"`
}

// AmendCertificate changes the notified data of an issued certificate,
// which stays issued: its record number, or the importer holding it. The
// holder_uscc records it (the owner or an importer it authorised).
type AmendCertificate struct {
	Common
	GTIN          string `json:"-"`
	HolderUSCC    string `json:"holder_uscc"`
	RecordNo      string `json:"record_no,omitempty"`
	NewHolderUSCC string `json:"new_holder_uscc,omitempty"`
	Reason        string `json:"reason" text:"para"`
}

// AllowRenotification lets a product whose certificate was revoked be
// notified again (regulator).
type AllowRenotification struct {
	Common
	GTIN   string `json:"-"`
	Reason string `json:"reason" text:"para"`
}

// AuthoriseImporter lets another importer of the product's GTIN register its
// batches and notify its barcode data (the owner or a regulator).
type AuthoriseImporter struct {
	Common
	GTIN         string `json:"-"`
	ImporterUSCC string `json:"importer_uscc"`
}

// DeauthoriseImporter ends an importer's authorisation (the owner or a
// regulator).
type DeauthoriseImporter struct {
	Common
	GTIN         string `json:"-"`
	ImporterUSCC string `json:"-"`
}

// RegisterBatch records a batch produced or imported.
type RegisterBatch struct {
	Common
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	Quantity   int64  `json:"quantity"`
	ProducedOn string `json:"produced_on"`
	ExpiresOn  string `json:"expires_on"`
	OwnerUSCC  string `json:"owner_uscc"`
}

// DeclarationLine is one line of a customs declaration.
type DeclarationLine struct {
	GTIN          string `json:"gtin"`
	Lot           string `json:"lot"`
	Quantity      int64  `json:"quantity"`
	HSCode        string `json:"hs_code"`
	OriginCountry string `json:"origin_country"`
}

// DeclareCustoms files a customs declaration (报关).
type DeclareCustoms struct {
	Common
	DeclarationNo string            `json:"declaration_no"`
	Port          string            `json:"port"`
	ImporterUSCC  string            `json:"importer_uscc"`
	Lines         []DeclarationLine `json:"lines"`
}

// InspectCustoms records a customs inspection result (regulator).
type InspectCustoms struct {
	Common
	DeclarationNo string `json:"-"`
	Result        string `json:"result"`
	Findings      string `json:"findings,omitempty" text:"para"`
}

// DecideRelease releases or rejects a declaration (regulator).
type DecideRelease struct {
	Common
	DeclarationNo string `json:"-"`
	Decision      string `json:"decision"`
	Reason        string `json:"reason,omitempty" text:"para"`
}

// ApplyLabels binds labels to items of a batch: given serials, or count new ones.
type ApplyLabels struct {
	Common
	GTIN      string   `json:"gtin"`
	Lot       string   `json:"lot"`
	OwnerUSCC string   `json:"owner_uscc"`
	Serials   []string `json:"serials,omitempty"`
	Count     int      `json:"count,omitempty"`
}

// QuantityLine is a quantity of a batch's unlabelled units.
type QuantityLine struct {
	GTIN     string `json:"gtin"`
	Lot      string `json:"lot"`
	Quantity int64  `json:"quantity"`
}

// Ship moves items (label codes) or quantities from one enterprise to another.
type Ship struct {
	Common
	FromUSCC string         `json:"from_uscc"`
	ToUSCC   string         `json:"to_uscc"`
	Waybill  string         `json:"waybill"`
	Items    []string       `json:"items,omitempty"`
	Lines    []QuantityLine `json:"lines,omitempty"`
	// Containers are cases and pallets (SSCCs) shipped with every unit in
	// them, as if each unit were listed in items.
	Containers []string `json:"containers,omitempty"`
}

// ConfirmReceipt is the receiver's confirmation of a shipment.
type ConfirmReceipt struct {
	Common
	ShipmentID string `json:"-"`
}

// Sell records a sale to consumers.
type Sell struct {
	Common
	SellerUSCC string         `json:"seller_uscc"`
	Channel    string         `json:"channel"`
	Items      []string       `json:"items,omitempty"`
	Lines      []QuantityLine `json:"lines,omitempty"`
}

// InspectMarket records a market inspection (抽检) of a batch at an enterprise.
type InspectMarket struct {
	Common
	GTIN           string `json:"gtin"`
	Lot            string `json:"lot"`
	EnterpriseUSCC string `json:"enterprise_uscc"`
	Result         string `json:"result"`
	Findings       string `json:"findings,omitempty" text:"para"`
}

// FileComplaint records a 12315 complaint (regulator).
type FileComplaint struct {
	Common
	GTIN        string `json:"gtin"`
	Lot         string `json:"lot,omitempty"`
	Item        string `json:"item,omitempty"`
	AgainstUSCC string `json:"against_uscc"`
	Category    string `json:"category"`
	Severity    int    `json:"severity"`
	Channel     string `json:"channel"`
	// Description is what the consumer says is wrong; Contact how to reach
	// the consumer (personal data, read by regulators only). Both optional
	// when a regulator files.
	Description string `json:"description,omitempty" text:"para"`
	Contact     string `json:"contact,omitempty"`
}

// ResolveComplaint concludes an investigated case as mediated or resolved
// (Conclusion, default resolved), substantiated or not (regulator).
type ResolveComplaint struct {
	Common
	ComplaintID   string `json:"-"`
	Substantiated *bool  `json:"substantiated"`
	Outcome       string `json:"outcome" text:"para"`
	Conclusion    string `json:"conclusion,omitempty"`
}

// BatchRef names a batch.
type BatchRef struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
}

// StartRecall starts a recall of one or more batches (regulator, or the
// enterprise recalling its own goods).
type StartRecall struct {
	Common
	Batches         []BatchRef `json:"batches"`
	Level           int        `json:"level"`
	Reason          string     `json:"reason" text:"para"`
	InitiatedByUSCC string     `json:"initiated_by_uscc"`
	// The recall plan, each optional: the hazard, when it became known
	// (RFC 3339; default the recording time; start_by runs from it), the
	// scope, the measures asked of holders and consumers, and the contact.
	Hazard        string `json:"hazard,omitempty" text:"para"`
	HazardKnownAt string `json:"hazard_known_at,omitempty"`
	Scope         string `json:"scope,omitempty" text:"para"`
	Measures      string `json:"measures,omitempty" text:"para"`
	Contact       string `json:"contact,omitempty"`
}

// AcceptPublicNotice records a regulator's decision that the recall's public
// notice suffices for the units sold to consumers and not brought back.
type AcceptPublicNotice struct {
	Common
	RecallID string `json:"-"`
	Notice   string `json:"notice" text:"para"`
}

// AcknowledgeRecallNotice records a holder acknowledging a recall notice in
// its inbox.
type AcknowledgeRecallNotice struct {
	Common
	RecallID   string `json:"-"`
	HolderUSCC string `json:"holder_uscc"`
	Note       string `json:"note,omitempty" text:"para"`
}

// RecordRecallReturn records units a holder returned or destroyed. Quantity
// names unlabelled units of the recall's batch given by GTIN and Lot (optional
// when the recall has one batch).
type RecordRecallReturn struct {
	Common
	RecallID    string   `json:"-"`
	HolderUSCC  string   `json:"holder_uscc"`
	Items       []string `json:"items,omitempty"`
	GTIN        string   `json:"gtin,omitempty"`
	Lot         string   `json:"lot,omitempty"`
	Quantity    int64    `json:"quantity,omitempty"`
	Disposition string   `json:"disposition"`
}

// CloseRecall closes a recall once every affected unit is accounted for.
type CloseRecall struct {
	Common
	RecallID string `json:"-"`
}

// RemindRecallHolders reminds the holders who have not acknowledged a
// recall's notice (the initiator or a regulator), with an optional note.
type RemindRecallHolders struct {
	Common
	RecallID string `json:"-"`
	Note     string `json:"note,omitempty" text:"para"`
}

// ImposePenalty records an administrative penalty (regulator).
type ImposePenalty struct {
	Common
	EnterpriseUSCC string `json:"enterprise_uscc"`
	Authority      string `json:"authority"`
	AmountCNY      int64  `json:"amount_cny"`
	Reason         string `json:"reason" text:"para"`
}

// PackContainer puts labelled units (label codes) and inner containers
// (SSCCs: cases onto a pallet) into the case or pallet SSCC at its holder.
type PackContainer struct {
	Common
	SSCC       string   `json:"-"`
	HolderUSCC string   `json:"holder_uscc"`
	Items      []string `json:"items,omitempty"`
	Containers []string `json:"containers,omitempty"`
}

// UnpackContainer takes units and inner containers out of the case or
// pallet SSCC; naming neither takes everything out.
type UnpackContainer struct {
	Common
	SSCC       string   `json:"-"`
	HolderUSCC string   `json:"holder_uscc"`
	Items      []string `json:"items,omitempty"`
	Containers []string `json:"containers,omitempty"`
}

// RecordTransformation records that the transformer made output batches
// (registered by it beforehand) out of input goods it holds: quantities of
// batches and labelled units. The inputs are consumed.
type RecordTransformation struct {
	Common
	TransformerUSCC string         `json:"transformer_uscc"`
	Inputs          []QuantityLine `json:"inputs,omitempty"`
	InputItems      []string       `json:"input_items,omitempty"`
	Outputs         []BatchRef     `json:"outputs"`
	Note            string         `json:"note,omitempty" text:"para"`
}
