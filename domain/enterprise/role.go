package enterprise

import "fmt"

// Role is what an enterprise does in the chain. A small closed set: the only
// values are the constants below.
type Role string

// The roles an enterprise may register with.
const (
	Manufacturer Role = "manufacturer"
	Importer     Role = "importer"
	Distributor  Role = "distributor"
	Retailer     Role = "retailer"
	Ecommerce    Role = "ecommerce"
	Logistics    Role = "logistics"
)

// ParseRole accepts one of the six roles.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case Manufacturer, Importer, Distributor, Retailer, Ecommerce, Logistics:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (want manufacturer, importer, distributor, retailer, ecommerce or logistics)", s)
}
