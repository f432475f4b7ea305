package access

import "github.com/traceledger/traceledger/domain"

// MayCaptureAt allows an EPCIS event whose acting location or party resolves
// to the enterprise uscc: a regulator captures for any enterprise, an
// enterprise only events at its own locations (field names where the event
// says so).
func (a Actor) MayCaptureAt(uscc, field string) error {
	switch a.Role {
	case RoleRegulator:
		return nil
	case RoleEnterprise:
		if a.USCC == uscc {
			return nil
		}
		return domain.Forbidden(field, "event_resolves_another_enterprise_enterprise", "the event's %s resolves to another enterprise: an enterprise captures only events at its own locations", field)
	}
	return domain.Forbidden(field, "role_may_not_capture_epcis", "role %s may not capture EPCIS events", a.Role)
}
