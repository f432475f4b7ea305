package batch

import "sort"

// OpenShipment is a shipment of the batch on its way to a receiver: its id
// and the units it carries.
type OpenShipment struct {
	ID    string
	Units Units
}

// OpenShipmentsTo lists the batch's shipments addressed to the receiver to
// and not yet received, by id: what a receiver's capture of arriving goods
// confirms.
func (b *Batch) OpenShipmentsTo(to string) []OpenShipment {
	var out []OpenShipment
	for id, t := range b.transits {
		if t.to == to && !t.received {
			out = append(out, OpenShipment{ID: id, Units: t.units})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Recalls lists the recalls the batch is in, by id.
func (b *Batch) Recalls() []string {
	out := make([]string, 0, len(b.recalls))
	for id := range b.recalls {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
