// Package enterprise is the enterprise aggregate (经营主体): registration with
// its roles, and the administrative penalties recorded against it.
package enterprise

// Event type names, written by hand and versioned.
const (
	TypeRegistered     = "enterprise.registered.v1"
	TypePenaltyImposed = "enterprise.penalty_imposed.v1"
)

// Registered is an enterprise's registration (经营主体登记).
type Registered struct {
	USCC         string   `json:"uscc"`
	Name         string   `json:"name"`
	Region       string   `json:"region"`
	Roles        []string `json:"roles"`
	FoodOperator bool     `json:"food_operator"`
	Contact      string   `json:"contact,omitempty"`
	WebhookURL   string   `json:"webhook_url,omitempty"`
	// WebhookHMACSealed is the enterprise's webhook signing secret, sealed
	// (encrypted and authenticated) by a key the log never holds; events
	// recorded before it existed have none.
	WebhookHMACSealed string `json:"webhook_hmac_sealed,omitempty"`
}

// EventType names the event.
func (Registered) EventType() string { return TypeRegistered }

// PenaltyImposed is an administrative penalty a regulator recorded.
type PenaltyImposed struct {
	USCC      string `json:"uscc"`
	Authority string `json:"authority"`
	AmountCNY int64  `json:"amount_cny"`
	Reason    string `json:"reason"`
}

// EventType names the event.
func (PenaltyImposed) EventType() string { return TypePenaltyImposed }
