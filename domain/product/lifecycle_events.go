package product

// Event type names of an issued certificate's life after issue, written by
// hand and versioned.
const (
	TypeCertificateRenewed    = "certificate.renewed.v1"
	TypeCertificateAmended    = "certificate.amended.v1"
	TypeRenotificationAllowed = "certificate.renotification_allowed.v1"
)

// CertificateRenewed: the regulator extends an issued certificate before it
// expires, on its holder's application. The number stays; the version goes
// up by one and valid_to moves to the new last valid day.
type CertificateRenewed struct {
	GTIN            string `json:"gtin"`
	CertificateNo   string `json:"certificate_no"`
	Version         int    `json:"version"`
	ValidFrom       string `json:"valid_from"`
	ValidTo         string `json:"valid_to"`
	PreviousValidTo string `json:"previous_valid_to"`
}

// EventType names the event.
func (CertificateRenewed) EventType() string { return TypeCertificateRenewed }

// Change is one field of the notified data an amendment changed.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// CertificateAmended: the notified data of an issued certificate changed
// (its record number, or which importer holds it: field holder_uscc) while it stays issued.
// The version goes up by one; Changes say what changed.
type CertificateAmended struct {
	GTIN          string   `json:"gtin"`
	CertificateNo string   `json:"certificate_no"`
	Version       int      `json:"version"`
	Changes       []Change `json:"changes"`
	Reason        string   `json:"reason"`
}

// EventType names the event.
func (CertificateAmended) EventType() string { return TypeCertificateAmended }

// The fields of the notified data an amendment changes.
const (
	FieldRecordNo = "record_no"
	FieldHolder   = "holder_uscc"
)

// Changed answers what the amendment changed field to, and whether it
// changed it.
func (a CertificateAmended) Changed(field string) (string, bool) {
	for _, c := range a.Changes {
		if c.Field == field {
			return c.To, true
		}
	}
	return "", false
}

// RenotificationAllowed: the regulator lets the product be notified again
// after its certificate was revoked (the cause was remedied). Without it a
// revoked certificate stays revoked for good.
type RenotificationAllowed struct {
	GTIN          string `json:"gtin"`
	CertificateNo string `json:"certificate_no"`
	Reason        string `json:"reason"`
}

// EventType names the event.
func (RenotificationAllowed) EventType() string { return TypeRenotificationAllowed }
