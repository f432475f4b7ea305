package command

import (
	"context"
	"slices"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
)

// packInputs parses a pack's or unpack's SSCC, label codes and inner SSCCs.
func packInputs(sscc string, items, containers []string) (ident.SSCC, []ident.ItemCode, []string, error) {
	s, err := parseWith("sscc", sscc, ident.ParseSSCC)
	if err != nil {
		return s, nil, nil, err
	}
	codes, err := parseItems(items)
	if err != nil {
		return s, nil, nil, err
	}
	inner := make([]string, len(containers))
	for i, c := range containers {
		x, err := parseWith(fieldIndex("containers", i), c, ident.ParseSSCC)
		if err != nil {
			return s, nil, nil, err
		}
		inner[i] = x.String()
	}
	return s, codes, inner, nil
}

// byBatch groups label codes by batch stream, in first-seen order.
func byBatch(codes []ident.ItemCode) (streams []string, serials map[string][]string, refs map[string]batchRef) {
	serials, refs = map[string][]string{}, map[string]batchRef{}
	for _, c := range codes {
		s := batch.Stream(c.GTIN, c.Lot)
		if _, ok := refs[s]; !ok {
			streams = append(streams, s)
			refs[s] = batchRef{c.GTIN, c.Lot}
		}
		serials[s] = append(serials[s], c.Serial.String())
	}
	return streams, serials, refs
}

// packContainer puts units and inner containers into a case or pallet at
// its holder (EPCIS AggregationEvent ADD).
func (h *Handlers) packContainer(ctx context.Context, a access.Actor, in PackContainer) (Outcome, error) {
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	sscc, codes, inner, err := packInputs(in.SSCC, in.Items, in.Containers)
	if err != nil {
		return Outcome{}, err
	}
	p, err := h.peek(ctx, append([]string{sscc.String()}, inner...), true)
	if err != nil {
		return Outcome{}, err
	}
	streams, serials, refs := byBatch(codes)
	outer := container.Stream(sscc)
	writes := append([]string{outer}, streams...)
	for _, x := range inner {
		writes = append(writes, container.StreamOf(x))
	}
	// The inner containers' contents and the outer one's ancestors are read
	// for the nesting rules; the units in the inner ones do not change.
	reads := append(append([]string{enterprise.Stream(holder)}, p.ancestors...), p.containers...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, reads)
	defer unit.end()
	p.batches = append(p.batches, streams...)
	p.containers = append(p.containers, writes...)
	if _, err := registered(ctx, unit, holder, "holder_uscc"); err != nil {
		return Outcome{}, err
	}
	c, err := load(ctx, unit, outer, container.Load)
	if err != nil {
		return Outcome{}, err
	}
	ancestors, err := ancestorsOf(ctx, unit, &p, c)
	if err != nil {
		return Outcome{}, err
	}
	inners := make([]container.Inner, len(inner))
	for i, x := range inner {
		cs, _, err := tree(ctx, unit, &p, x)
		if err != nil {
			return Outcome{}, err
		}
		inners[i] = container.Inner{C: cs[0], Height: height(cs)}
	}
	items := make([]container.Item, len(codes))
	for i, code := range codes {
		items[i] = itemOf(code)
	}
	if err := c.Pack(sscc, holder, items, inners, ancestors); err != nil {
		return Outcome{}, err
	}
	for _, s := range streams {
		b, err := loadBatch(ctx, unit, refs[s].g, refs[s].l)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Pack(sscc, holder, serials[s]); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// ancestorsOf walks up from c through the containers it is in, each of
// which the plan must have locked.
func ancestorsOf(ctx context.Context, u *unit, p *plan, c *container.Container) ([]string, error) {
	var out []string
	for parent := c.Parent(); parent != ""; {
		if len(out) > container.MaxDepth || !slices.Contains(p.ancestors, container.StreamOf(parent)) {
			return nil, changed(c.SSCC())
		}
		out = append(out, parent)
		x, err := load(ctx, u, container.StreamOf(parent), container.Load)
		if err != nil {
			return nil, err
		}
		parent = x.Parent()
	}
	return out, nil
}

// unpackContainer takes units and inner containers out of a case or pallet
// at its holder; naming neither takes everything out (EPCIS
// AggregationEvent DELETE without a child list).
func (h *Handlers) unpackContainer(ctx context.Context, a access.Actor, in UnpackContainer) (Outcome, error) {
	holder, err := actingAs(a, "holder_uscc", in.HolderUSCC)
	if err != nil {
		return Outcome{}, err
	}
	sscc, codes, inner, err := packInputs(in.SSCC, in.Items, in.Containers)
	if err != nil {
		return Outcome{}, err
	}
	all := len(codes) == 0 && len(inner) == 0
	var p plan
	if all {
		// Everything directly inside: its units' batches and inner containers.
		err = h.peekLevel(ctx, []string{sscc.String()}, func(c *container.Container) {
			for _, it := range c.Items() {
				if s := batch.StreamOf(it.GTIN, it.Lot); !slices.Contains(p.batches, s) {
					p.batches = append(p.batches, s)
				}
			}
			for _, x := range c.Children() {
				p.containers = append(p.containers, container.StreamOf(x))
			}
		})
		if err != nil {
			return Outcome{}, err
		}
	} else {
		p.batches, _, _ = byBatch(codes)
		for _, x := range inner {
			p.containers = append(p.containers, container.StreamOf(x))
		}
	}
	outer := container.Stream(sscc)
	writes := append(append([]string{outer}, p.containers...), p.batches...)
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, nil)
	defer unit.end()
	p.containers = append(p.containers, outer)
	c, err := load(ctx, unit, outer, container.Load)
	if err != nil {
		return Outcome{}, err
	}
	if all {
		for _, it := range c.Items() {
			code, err := itemCodeOf(it)
			if err != nil {
				return Outcome{}, err
			}
			codes = append(codes, code)
		}
		inner = c.Children()
	}
	inners := make([]*container.Container, len(inner))
	for i, x := range inner {
		if !p.has(container.StreamOf(x)) {
			return Outcome{}, changed(sscc.String())
		}
		if inners[i], err = load(ctx, unit, container.StreamOf(x), container.Load); err != nil {
			return Outcome{}, err
		}
	}
	items := make([]container.Item, len(codes))
	for i, code := range codes {
		items[i] = itemOf(code)
	}
	if err := c.Unpack(holder, items, inners, all); err != nil {
		return Outcome{}, err
	}
	streams, serials, refs := byBatch(codes)
	for _, s := range streams {
		if !p.has(s) {
			return Outcome{}, changed(sscc.String())
		}
		b, err := loadBatch(ctx, unit, refs[s].g, refs[s].l)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Unpack(sscc.String(), holder, serials[s]); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}
