package container

import (
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// MaxDepth is how deep containers nest: a unit in a case in a pallet is two
// levels; a third allows inner packs. Deeper nesting is refused, so walking
// a container's contents is bounded.
const MaxDepth = 3

// MaxContents bounds how many units and inner containers one container
// holds, so that shipping it expands to a bounded list.
const MaxContents = 10000

// Container is a case or pallet: its holder, the units and containers in it,
// the container it is in, and the shipment it travels in.
type Container struct {
	aggregate.Root
	sscc     string
	holder   string
	parent   string
	items    map[Item]bool
	children map[string]bool
	// transit is the shipment the container travels in ("" at its holder).
	transit string
	to      string
}

// Stream is the container's stream name.
func Stream(s ident.SSCC) string { return StreamOf(s.String()) }

// StreamOf is Stream for an SSCC already validated, as events carry it.
func StreamOf(sscc string) string { return "container-" + sscc }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypePacked:     aggregate.As[Packed](),
	TypeUnpacked:   aggregate.As[Unpacked](),
	TypeNested:     aggregate.As[Nested](),
	TypeUnnested:   aggregate.As[Unnested](),
	TypeDispatched: aggregate.As[Dispatched](),
	TypeReceived:   aggregate.As[Received](),
}

// Load rebuilds a container from its stream.
func Load(recs []event.Record) (*Container, error) {
	c := &Container{items: map[Item]bool{}, children: map[string]bool{}}
	return c, aggregate.Replay("container", recs, Decoders, &c.Root, c.apply)
}

// Exists reports whether the container was ever packed.
func (c *Container) Exists() bool { return c.holder != "" }

// SSCC is the container's code ("" before it exists).
func (c *Container) SSCC() string { return c.sscc }

// Holder is the enterprise that holds the container (the sender while it
// travels).
func (c *Container) Holder() string { return c.holder }

// Parent is the container this one is in ("" for none).
func (c *Container) Parent() string { return c.parent }

// InTransit reports whether the container travels in a shipment.
func (c *Container) InTransit() bool { return c.transit != "" }

// TravelsTo is the shipment the container travels in and its receiver
// ("" for both at its holder): a receiving event names the container, and
// capture confirms the shipment that carries it.
func (c *Container) TravelsTo() (shipmentID, to string) { return c.transit, c.to }

// Items are the units directly in the container, in a stable order.
func (c *Container) Items() []Item {
	out := make([]Item, 0, len(c.items))
	for it := range c.items {
		out = append(out, it)
	}
	slices.SortFunc(out, compareItems)
	return out
}

// Children are the containers directly in this one, sorted.
func (c *Container) Children() []string {
	out := make([]string, 0, len(c.children))
	for s := range c.children {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Holds reports whether the unit is directly in the container.
func (c *Container) Holds(it Item) bool { return c.items[it] }

// HoldsContainer reports whether sscc is directly in the container.
func (c *Container) HoldsContainer(sscc string) bool { return c.children[sscc] }

func compareItems(a, b Item) int {
	if a.GTIN != b.GTIN {
		return cmpString(a.GTIN, b.GTIN)
	}
	if a.Lot != b.Lot {
		return cmpString(a.Lot, b.Lot)
	}
	return cmpString(a.Serial, b.Serial)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mustBeAt refuses a change by anyone but the container's holder, or while
// it travels. A container that does not exist is not known to anyone.
func (c *Container) mustBeAt(holder string, field string) error {
	if !c.Exists() {
		return domain.NotFound(field, "container_not_known_2", "container is not known")
	}
	if c.holder != holder {
		return domain.NotFound(field, "container_not_known_2", "container is not known")
	}
	if c.InTransit() {
		return domain.Conflict("container_travels_in_shipment_cannot", "container %s travels in shipment %s: it cannot be changed before the receipt", c.sscc, c.transit)
	}
	return nil
}

func (c *Container) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Packed:
		c.sscc = ev.SSCC
		if c.holder == "" {
			c.holder = ev.HolderUSCC
		}
		for _, it := range ev.Items {
			c.items[it] = true
		}
		for _, s := range ev.Containers {
			c.children[s] = true
		}
	case Unpacked:
		if ev.All {
			clear(c.items)
			clear(c.children)
		}
		for _, it := range ev.Items {
			delete(c.items, it)
		}
		for _, s := range ev.Containers {
			delete(c.children, s)
		}
	case Nested:
		c.sscc, c.parent = ev.SSCC, ev.ParentSSCC
		if c.holder == "" {
			c.holder = ev.HolderUSCC
		}
	case Unnested:
		c.parent = ""
	case Dispatched:
		c.transit, c.to = ev.ShipmentID, ev.ToUSCC
	case Received:
		c.holder, c.transit, c.to = ev.ToUSCC, "", ""
	}
}
