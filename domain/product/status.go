package product

// Status is a certificate's state. Expired is not stored: an issued
// certificate is expired once its valid_to date has passed.
type Status string

// The certificate states of the contract.
const (
	StatusNone     Status = "none"
	StatusNotified Status = "notified"
	StatusIssued   Status = "issued"
	StatusRejected Status = "rejected"
	StatusExpired  Status = "expired"
	StatusRevoked  Status = "revoked"
)
