package container

import (
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// Inner is a container to be packed into another, with what the outer one
// cannot see of it: the number of container levels inside it (0 when it
// holds units only).
type Inner struct {
	C      *Container
	Height int
}

// Pack puts units and inner containers into the container at holder. The
// first packing brings the container into being at holder; after that only
// its holder packs it, and not while it travels. An inner container must be
// the holder's, at the holder, in no other container, not the container
// itself or one it is in (no cycles), and the nesting stays within
// MaxDepth. ancestors are the containers this one is in, innermost first.
// Whether each unit may be packed (labelled, held by the packer, in no other
// container) is its batch's decision (batch.Pack).
func (c *Container) Pack(sscc ident.SSCC, holder ident.USCC, items []Item, inner []Inner, ancestors []string) error {
	h := holder.String()
	if c.Exists() {
		if err := c.mustBeAt(h, "sscc"); err != nil {
			return err
		}
	}
	if len(items) == 0 && len(inner) == 0 {
		return domain.Invalid("items", "give_units_label_codes_or", "give units (label codes) or containers (SSCCs) to pack")
	}
	if n := len(c.items) + len(c.children) + len(items) + len(inner); n > MaxContents {
		return domain.Conflict("container_would_hold_units_and", "container %s would hold %d units and containers: at most %d", sscc, n, MaxContents)
	}
	seen := make(map[Item]bool, len(items))
	for i, it := range items {
		if seen[it] || c.items[it] {
			return domain.Invalid(fmt.Sprintf("items[%d]", i), "item_given_twice_or_already", "item %s/%s/%s is given twice or already in container %s", it.GTIN, it.Lot, it.Serial, sscc)
		}
		seen[it] = true
	}
	names := make([]string, len(inner))
	for i, in := range inner {
		field := fmt.Sprintf("containers[%d]", i)
		x := in.C
		switch {
		case !x.Exists() || x.holder != h:
			return domain.NotFound(field, "container_not_known_2", "container is not known")
		case x.sscc == sscc.String() || slices.Contains(ancestors, x.sscc):
			return domain.ConflictAt(field, "container_cannot_packed_into_itself", "container %s cannot be packed into itself or into a container inside it", x.sscc)
		case x.InTransit():
			return domain.ConflictAt(field, "container_travels_in_shipment", "container %s travels in shipment %s", x.sscc, x.transit)
		case x.parent != "":
			return domain.ConflictAt(field, "container_already_in_container_unpack", "container %s is already in container %s: unpack it first", x.sscc, x.parent)
		case slices.Contains(names[:i], x.sscc):
			return domain.Invalid(field, "container_given_twice", "container %s is given twice", x.sscc)
		case len(ancestors)+2+in.Height > MaxDepth:
			return domain.ConflictAt(field, "containers_nest_at_most_deep", "containers nest at most %d deep", MaxDepth)
		}
		names[i] = x.sscc
	}
	c.Raise(Packed{SSCC: sscc.String(), HolderUSCC: h, Items: items, Containers: names}, c.apply)
	for _, in := range inner {
		in.C.Raise(Nested{SSCC: in.C.sscc, ParentSSCC: sscc.String(), HolderUSCC: h}, in.C.apply)
	}
	return nil
}

// Unpack takes units and inner containers out of the container at its
// holder; naming nothing takes everything out (EPCIS DELETE without a child
// list). inner are the loaded inner containers named (or, for everything,
// all of them).
func (c *Container) Unpack(holder ident.USCC, items []Item, inner []*Container, all bool) error {
	h := holder.String()
	if err := c.mustBeAt(h, "sscc"); err != nil {
		return err
	}
	if !all && len(items) == 0 && len(inner) == 0 {
		return domain.Invalid("items", "give_units_or_containers_unpack", "give units or containers to unpack, or neither to unpack everything")
	}
	for i, it := range items {
		if !c.items[it] {
			return domain.ConflictAt(fmt.Sprintf("items[%d]", i), "item_not_in_container", "item %s/%s/%s is not in container %s", it.GTIN, it.Lot, it.Serial, c.sscc)
		}
	}
	names := make([]string, len(inner))
	for i, x := range inner {
		if !c.children[x.sscc] || x.parent != c.sscc {
			return domain.ConflictAt(fmt.Sprintf("containers[%d]", i), "container_not_in_container", "container %s is not in container %s", x.sscc, c.sscc)
		}
		names[i] = x.sscc
	}
	if all && len(c.items) == 0 && len(c.children) == 0 {
		return domain.Conflict("container_empty", "container %s is empty", c.sscc)
	}
	c.Raise(Unpacked{SSCC: c.sscc, HolderUSCC: h, Items: items, Containers: names, All: all}, c.apply)
	for _, x := range inner {
		x.Raise(Unnested{SSCC: x.sscc, ParentSSCC: c.sscc, HolderUSCC: h}, x.apply)
	}
	return nil
}

// MayShip says whether the container may leave from in a shipment: it is
// from's, at from, and in no other container (an inner container travels
// with its outer one, named by the outer one).
func (c *Container) MayShip(from ident.USCC, field string) error {
	if !c.Exists() || c.holder != from.String() {
		return domain.NotFound(field, "container_not_known_2", "container is not known")
	}
	if c.InTransit() {
		return domain.ConflictAt(field, "container_already_travels_in_shipment", "container %s already travels in shipment %s", c.sscc, c.transit)
	}
	if c.parent != "" {
		return domain.ConflictAt(field, "container_in_container_ship_that", "container %s is in container %s: ship that one, or unpack it first", c.sscc, c.parent)
	}
	return nil
}

// Dispatch records the container (an outer one checked by MayShip, or one
// inside it) leaving its holder in a shipment.
func (c *Container) Dispatch(shipmentID string, from, to ident.USCC) error {
	if !c.Exists() || c.holder != from.String() || c.InTransit() {
		return domain.Conflict("container_not_at", "container %s is not at %s", c.sscc, from)
	}
	c.Raise(Dispatched{SSCC: c.sscc, ShipmentID: shipmentID, FromUSCC: from.String(), ToUSCC: to.String()}, c.apply)
	return nil
}

// Receive records the shipment's receipt: the container is the receiver's.
func (c *Container) Receive(shipmentID string) error {
	if c.transit != shipmentID {
		return domain.Conflict("container_does_not_travel_in", "container %s does not travel in shipment %s", c.sscc, shipmentID)
	}
	c.Raise(Received{SSCC: c.sscc, ShipmentID: shipmentID, ToUSCC: c.to}, c.apply)
	return nil
}
