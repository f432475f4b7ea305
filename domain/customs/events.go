// Package customs is the customs declaration aggregate (报关单): declaration,
// inspection and quarantine (检验检疫), then release (放行) or rejection.
package customs

// Event type names, written by hand and versioned.
const (
	TypeDeclared  = "customs.declared.v1"
	TypeInspected = "customs.inspected.v1"
	TypeReleased  = "customs.released.v1"
	TypeRejected  = "customs.rejected.v1"
)

// Line is one declared line: a quantity of a batch.
type Line struct {
	GTIN          string `json:"gtin"`
	Lot           string `json:"lot"`
	Quantity      int64  `json:"quantity"`
	HSCode        string `json:"hs_code"`
	OriginCountry string `json:"origin_country"`
}

// Declared: an importer filed a declaration.
type Declared struct {
	DeclarationNo string `json:"declaration_no"`
	Port          string `json:"port"`
	ImporterUSCC  string `json:"importer_uscc"`
	Lines         []Line `json:"lines"`
}

// Inspected: customs inspected the goods.
type Inspected struct {
	DeclarationNo string `json:"declaration_no"`
	Result        string `json:"result"`
	Findings      string `json:"findings,omitempty"`
}

// Released: customs released the goods (放行).
type Released struct {
	DeclarationNo string `json:"declaration_no"`
	Reason        string `json:"reason,omitempty"`
}

// Rejected: customs refused the goods.
type Rejected struct {
	DeclarationNo string `json:"declaration_no"`
	Reason        string `json:"reason"`
}

// EventType names the event.
func (Declared) EventType() string { return TypeDeclared }

// EventType names the event.
func (Inspected) EventType() string { return TypeInspected }

// EventType names the event.
func (Released) EventType() string { return TypeReleased }

// EventType names the event.
func (Rejected) EventType() string { return TypeRejected }
