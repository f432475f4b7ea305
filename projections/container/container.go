// Package container is the cases-and-pallets read model: every container
// (SSCC) with its holder, the units and containers directly in it, the
// container it is in, the shipment it travels in and its history, folded
// from the container stream's events. The units a container holds are
// counted through the containers inside it at query time.
package container

import (
	"slices"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
)

// Projection holds every container by SSCC.
type Projection struct {
	runner.JSONModel[state]
}

// The queries read it through the port app/query declares.
var _ query.ContainerModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// Container is what the model keeps of one container.
type Container struct {
	Holder     string                        `json:"holder"`
	Parent     string                        `json:"parent,omitempty"`
	Items      []container.Item              `json:"items,omitempty"`
	Children   []string                      `json:"children,omitempty"`
	ShipmentID string                        `json:"shipment_id,omitempty"`
	To         string                        `json:"to,omitempty"`
	Holders    []string                      `json:"holders"`
	History    []query.ContainerHistoryEntry `json:"history"`
}

// state is the model and its snapshot (map keys sorted: deterministic).
type state struct {
	Containers map[string]*Container `json:"containers"`
}

func newState() *state { return &state{Containers: map[string]*Container{}} }

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("container", newState, p.apply)
	return p
}

// Version is the snapshot layout's version.
func (p *Projection) Version() int { return 1 }

func (c *Container) held(uscc string) {
	if uscc != "" && !slices.Contains(c.Holders, uscc) {
		c.Holders = append(c.Holders, uscc)
	}
}

func (p *Projection) of(sscc, holder string) *Container {
	c := p.State().Containers[sscc]
	if c == nil {
		c = &Container{Holder: holder, History: []query.ContainerHistoryEntry{}}
		p.State().Containers[sscc] = c
	}
	c.held(holder)
	return c
}

// apply folds the container events.
func (p *Projection) apply(env *runner.Envelope) {
	h := query.ContainerHistoryEntry{Type: env.Type, At: env.Metadata.OccurredAt.UTC(), Position: env.Position}
	var c *Container
	switch ev := env.Event.(type) {
	case container.Packed:
		c = p.of(ev.SSCC, ev.HolderUSCC)
		for _, it := range ev.Items {
			if !slices.Contains(c.Items, it) {
				c.Items = append(c.Items, it)
			}
		}
		for _, s := range ev.Containers {
			if !slices.Contains(c.Children, s) {
				c.Children = append(c.Children, s)
			}
		}
		h.USCC, h.Items, h.Containers = ev.HolderUSCC, len(ev.Items), ev.Containers
	case container.Unpacked:
		c = p.of(ev.SSCC, ev.HolderUSCC)
		if ev.All {
			c.Items, c.Children = nil, nil
		}
		c.Items = slices.DeleteFunc(c.Items, func(it container.Item) bool { return slices.Contains(ev.Items, it) })
		c.Children = slices.DeleteFunc(c.Children, func(s string) bool { return slices.Contains(ev.Containers, s) })
		h.USCC, h.Items, h.Containers = ev.HolderUSCC, len(ev.Items), ev.Containers
	case container.Nested:
		c = p.of(ev.SSCC, ev.HolderUSCC)
		c.Parent = ev.ParentSSCC
		h.USCC, h.Parent = ev.HolderUSCC, ev.ParentSSCC
	case container.Unnested:
		c = p.of(ev.SSCC, ev.HolderUSCC)
		c.Parent = ""
		h.USCC, h.Parent = ev.HolderUSCC, ev.ParentSSCC
	case container.Dispatched:
		c = p.of(ev.SSCC, ev.FromUSCC)
		c.ShipmentID, c.To = ev.ShipmentID, ev.ToUSCC
		c.held(ev.ToUSCC)
		h.USCC, h.ShipmentID, h.ToUSCC = ev.FromUSCC, ev.ShipmentID, ev.ToUSCC
	case container.Received:
		c = p.of(ev.SSCC, ev.ToUSCC)
		c.Holder, c.ShipmentID, c.To = ev.ToUSCC, "", ""
		h.USCC, h.ShipmentID = ev.ToUSCC, ev.ShipmentID
	default:
		return
	}
	c.History = append(c.History, h)
}

// Container answers a container by SSCC: a copy the caller may keep, its
// units counted through the containers inside it.
func (p *Projection) Container(sscc string) (query.Container, bool) {
	p.RLock()
	defer p.RUnlock()
	c := p.State().Containers[sscc]
	if c == nil {
		return query.Container{}, false
	}
	out := query.Container{SSCC: sscc, HolderUSCC: c.Holder, Parent: c.Parent, InTransit: c.ShipmentID != "", ShipmentID: c.ShipmentID,
		ToUSCC: c.To, Items: make([]string, 0, len(c.Items)), Containers: []query.ContainerCount{},
		History: slices.Clone(c.History), Holders: slices.Clone(c.Holders)}
	for _, it := range c.Items {
		out.Items = append(out.Items, codeOf(it))
	}
	slices.Sort(out.Items)
	out.Units = int64(len(c.Items))
	for _, s := range c.Children {
		n := p.units(s, container.MaxDepth)
		out.Containers = append(out.Containers, query.ContainerCount{SSCC: s, Units: n})
		out.Units += n
	}
	return out, true
}

// units counts the units in sscc through the containers inside it.
func (p *Projection) units(sscc string, depth int) int64 {
	c := p.State().Containers[sscc]
	if c == nil || depth < 0 {
		return 0
	}
	n := int64(len(c.Items))
	for _, s := range c.Children {
		n += p.units(s, depth-1)
	}
	return n
}

// codeOf is an item's label code (its Digital Link path).
func codeOf(it container.Item) string {
	g, gErr := ident.ParseGTIN(it.GTIN)
	l, lErr := ident.ParseLot(it.Lot)
	s, sErr := ident.ParseSerial(it.Serial)
	if gErr != nil || lErr != nil || sErr != nil {
		return it.GTIN + "/" + it.Lot + "/" + it.Serial
	}
	return ident.ItemCode{GTIN: g, Lot: l, Serial: s}.Path()
}
