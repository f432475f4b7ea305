package query

// ProductCard is a product's public page, what a GTIN-only code (a GS1
// Digital Link /01/{gtin}) resolves to: the registered product and its
// certificate's state now. Like the item card it holds no personal data:
// enterprises by name and USCC, never contacts.
type ProductCard struct {
	GTIN          string `json:"gtin"`
	ProductName   string `json:"product_name,omitempty"`
	Brand         string `json:"brand,omitempty"`
	Spec          string `json:"spec,omitempty"`
	Category      string `json:"category,omitempty"`
	OriginCountry string `json:"origin_country,omitempty"`
	Manufacturer  string `json:"manufacturer,omitempty"`
	// Owner is the enterprise that registered the product; Importer the one
	// that notified its barcode for import, when it was.
	Owner        string `json:"owner,omitempty"`
	OwnerUSCC    string `json:"owner_uscc,omitempty"`
	Importer     string `json:"importer,omitempty"`
	ImporterUSCC string `json:"importer_uscc,omitempty"`
	// Imported: the product comes from outside CN, so its goods are
	// received and sold only under an issued certificate.
	Imported bool `json:"imported"`
	// CertificateStatus is judged at the time of the request (none,
	// notified, issued, rejected, expired, revoked); the dates are the
	// issued certificate's validity, RevokedOn the day a revocation took
	// effect.
	CertificateStatus string `json:"certificate_status"`
	CertificateNo     string `json:"certificate_no,omitempty"`
	ValidFrom         string `json:"valid_from,omitempty"`
	ValidTo           string `json:"valid_to,omitempty"`
	RevokedOn         string `json:"revoked_on,omitempty"`
	RecordNo          string `json:"record_no,omitempty"`
}
