package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Headers of every notice.
const (
	// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body
	// under the holder's secret: the receiver recomputes it to know the
	// notice came from the ledger and was not altered.
	SignatureHeader = "X-Traceledger-Signature"
	// DeliveryHeader is "<recall id>/<holder uscc>": the same on every
	// retry, for the receiver to de-duplicate.
	DeliveryHeader = "X-Traceledger-Delivery"
	// EventHeader names the event the notice answers.
	EventHeader = "X-Traceledger-Event"
)

// Sign is the SignatureHeader value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is body's signature under secret, in constant
// time; receivers written in Go can use it as it is.
func Verify(secret string, body []byte, sig string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(sig))
}
