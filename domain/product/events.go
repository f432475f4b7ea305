// Package product is the product aggregate: a GTIN's registration and its
// import barcode data notification certificate (进口商品条码数据通报凭证).
package product

// Event type names, written by hand and versioned.
const (
	TypeRegistered          = "product.registered.v1"
	TypeBarcodeNotified     = "certificate.notified.v1"
	TypeCertificateIssued   = "certificate.issued.v1"
	TypeCertificateRejected = "certificate.rejected.v1"
	TypeCertificateRevoked  = "certificate.revoked.v1"
)

// Registered is a product's registration.
type Registered struct {
	GTIN  string `json:"gtin"`
	Name  string `json:"name"`
	Brand string `json:"brand"`
	Spec  string `json:"spec"`
	// Category is the category's Chinese name in the key traceability
	// product catalogue (domain/category); registrations recorded before
	// the catalogue hold the free text they were given.
	Category      string `json:"category"`
	OriginCountry string `json:"origin_country"`
	Manufacturer  string `json:"manufacturer"`
	OwnerUSCC     string `json:"owner_uscc"`
	ShelfLifeDays int    `json:"shelf_life_days"`
	// CategoryCode and CatalogueVersion are the catalogue entry's code and
	// the catalogue's version the registration was judged by; empty on
	// registrations recorded before the catalogue.
	CategoryCode     string `json:"category_code,omitempty"`
	CatalogueVersion string `json:"catalogue_version,omitempty"`
}

// EventType names the event.
func (Registered) EventType() string { return TypeRegistered }

// BarcodeNotified is an importer's barcode data notification (通报).
type BarcodeNotified struct {
	GTIN         string `json:"gtin"`
	NotifierUSCC string `json:"notifier_uscc"`
	RecordNo     string `json:"record_no,omitempty"`
}

// EventType names the event.
func (BarcodeNotified) EventType() string { return TypeBarcodeNotified }

// CertificateIssued: the barcode verified, a certificate with a number and a
// validity period (dates, YYYY-MM-DD, both inclusive) is issued.
type CertificateIssued struct {
	GTIN          string `json:"gtin"`
	CertificateNo string `json:"certificate_no"`
	ValidFrom     string `json:"valid_from"`
	ValidTo       string `json:"valid_to"`
}

// EventType names the event.
func (CertificateIssued) EventType() string { return TypeCertificateIssued }

// CertificateRejected: the barcode failed verification.
type CertificateRejected struct {
	GTIN   string `json:"gtin"`
	Reason string `json:"reason"`
}

// EventType names the event.
func (CertificateRejected) EventType() string { return TypeCertificateRejected }

// CertificateRevoked: an issued certificate is withdrawn.
type CertificateRevoked struct {
	GTIN          string `json:"gtin"`
	CertificateNo string `json:"certificate_no"`
	Reason        string `json:"reason"`
	// RevokedAt is when the revocation takes effect (RFC 3339): goods sold
	// before it were sold under a valid certificate.
	RevokedAt string `json:"revoked_at"`
}

// EventType names the event.
func (CertificateRevoked) EventType() string { return TypeCertificateRevoked }
