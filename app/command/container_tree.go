package command

import (
	"context"
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/container"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// plan is what a command on containers learned, before taking its locks,
// of the streams it will touch: the containers (outer and every one inside)
// and the batches of the units in them. It may be stale by the time the
// locks are taken; the command walks the trees again under the locks and
// retries (a concurrency conflict) when they reach a stream it did not lock.
type plan struct {
	containers []string
	batches    []string
	ancestors  []string
}

func (p *plan) has(stream string) bool {
	return slices.Contains(p.containers, stream) || slices.Contains(p.batches, stream) || slices.Contains(p.ancestors, stream)
}

// peek reads the trees of ssccs level by level, each level under its read
// locks, and (when up) the containers the first one is in.
func (h *Handlers) peek(ctx context.Context, ssccs []string, up bool) (plan, error) {
	var p plan
	level := ssccs
	for depth := 0; len(level) > 0 && depth <= container.MaxDepth; depth++ {
		var next []string
		err := h.peekLevel(ctx, level, func(c *container.Container) {
			p.containers = append(p.containers, container.StreamOf(c.SSCC()))
			for _, it := range c.Items() {
				if s := batch.StreamOf(it.GTIN, it.Lot); !slices.Contains(p.batches, s) {
					p.batches = append(p.batches, s)
				}
			}
			next = append(next, c.Children()...)
		})
		if err != nil {
			return plan{}, err
		}
		level = next
	}
	if up && len(ssccs) > 0 {
		parent := ""
		if err := h.peekLevel(ctx, ssccs[:1], func(c *container.Container) { parent = c.Parent() }); err != nil {
			return plan{}, err
		}
		for range container.MaxDepth {
			if parent == "" {
				break
			}
			p.ancestors = append(p.ancestors, container.StreamOf(parent))
			s := parent
			parent = ""
			if err := h.peekLevel(ctx, []string{s}, func(c *container.Container) { parent = c.Parent() }); err != nil {
				return plan{}, err
			}
		}
	}
	return p, nil
}

func (h *Handlers) peekLevel(ctx context.Context, ssccs []string, each func(*container.Container)) error {
	streams := make([]string, len(ssccs))
	for i, s := range ssccs {
		streams[i] = container.StreamOf(s)
	}
	u := h.begin(readOnly, nil, streams)
	defer u.end()
	for _, s := range streams {
		c, err := load(ctx, u, s, container.Load)
		if err != nil {
			return err
		}
		if c.Exists() {
			each(c)
		}
	}
	return nil
}

// changed is the error of a command whose containers changed between its
// plan and its locks: execute decides it again.
func changed(sscc string) error {
	return fmt.Errorf("container %s changed while the command was planned: %w", sscc, event.ErrConcurrency)
}

// tree loads, under the unit's locks, the container sscc and every
// container inside it (outer first), and the units in all of them.
func tree(ctx context.Context, u *unit, p *plan, sscc string) ([]*container.Container, []ident.ItemCode, error) {
	var cs []*container.Container
	var items []ident.ItemCode
	level := []string{sscc}
	for depth := 0; len(level) > 0; depth++ {
		if depth > container.MaxDepth {
			return nil, nil, changed(sscc)
		}
		var next []string
		for _, s := range level {
			if !p.has(container.StreamOf(s)) {
				return nil, nil, changed(s)
			}
			c, err := load(ctx, u, container.StreamOf(s), container.Load)
			if err != nil {
				return nil, nil, err
			}
			cs = append(cs, c)
			for _, it := range c.Items() {
				if !p.has(batch.StreamOf(it.GTIN, it.Lot)) {
					return nil, nil, changed(s)
				}
				code, err := itemCodeOf(it)
				if err != nil {
					return nil, nil, fmt.Errorf("container %s: %w", s, err)
				}
				items = append(items, code)
			}
			next = append(next, c.Children()...)
		}
		level = next
	}
	return cs, items, nil
}

// itemCodeOf is the label code of an item a container event recorded.
func itemCodeOf(it container.Item) (ident.ItemCode, error) {
	g, err := ident.ParseGTIN(it.GTIN)
	if err != nil {
		return ident.ItemCode{}, err
	}
	l, err := ident.ParseLot(it.Lot)
	if err != nil {
		return ident.ItemCode{}, err
	}
	s, err := ident.ParseSerial(it.Serial)
	if err != nil {
		return ident.ItemCode{}, err
	}
	return ident.ItemCode{GTIN: g, Lot: l, Serial: s}, nil
}

// itemOf is a label code as a container records it.
func itemOf(c ident.ItemCode) container.Item {
	return container.Item{GTIN: c.GTIN.String(), Lot: c.Lot.String(), Serial: c.Serial.String()}
}

// height is how many container levels are inside the containers of a
// loaded tree (outer first): 0 when the outer one holds units only.
func height(cs []*container.Container) int {
	depth := map[string]int{}
	best := 0
	for _, c := range cs {
		d := depth[c.SSCC()]
		for _, ch := range c.Children() {
			depth[ch] = d + 1
			best = max(best, d+1)
		}
	}
	return best
}
