package command

// SubmitComplaint is a consumer's complaint through the public intake (no
// token): the item code from the package (a GS1 Digital Link, or GTIN, lot
// and serial), what is wrong, and a contact. The enterprise concerned is
// found in the ledger, not named by the consumer.
type SubmitComplaint struct {
	Common
	Item        string `json:"item,omitempty"`
	GTIN        string `json:"gtin,omitempty"`
	Lot         string `json:"lot,omitempty"`
	Serial      string `json:"serial,omitempty"`
	Category    string `json:"category"`
	Description string `json:"description" text:"para"`
	Contact     string `json:"contact"`
}

// AcceptComplaint takes a filed case on (regulator).
type AcceptComplaint struct {
	Common
	ComplaintID string `json:"-"`
}

// RefuseComplaint declines a filed case, with the reason (regulator).
type RefuseComplaint struct {
	Common
	ComplaintID string `json:"-"`
	Reason      string `json:"reason" text:"para"`
}

// InvestigateComplaint starts the investigation of an accepted case
// (regulator).
type InvestigateComplaint struct {
	Common
	ComplaintID string `json:"-"`
	Note        string `json:"note,omitempty" text:"para"`
}

// TransferComplaint hands an accepted case to another authority (regulator).
type TransferComplaint struct {
	Common
	ComplaintID string `json:"-"`
	Authority   string `json:"authority"`
	Reason      string `json:"reason" text:"para"`
}

// AnswerComplaint is the enterprise concerned's account of its open case.
type AnswerComplaint struct {
	Common
	ComplaintID string `json:"-"`
	Answer      string `json:"answer" text:"para"`
}
