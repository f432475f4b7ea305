package command

import (
	"context"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/location"
)

// RegisterLocation registers a GLN (or an SGLN extension of it) as an
// enterprise's location (the enterprise itself, or a regulator for it).
type RegisterLocation struct {
	Common
	USCC      string `json:"-"`
	GLN       string `json:"gln"`
	Extension string `json:"extension,omitempty" text:"20"`
	Name      string `json:"name"`
}

// RegisterLocation records a location in the GLN registry.
func (h *Handlers) RegisterLocation(ctx context.Context, a access.Actor, in RegisterLocation) (Outcome, error) {
	return h.execute("RegisterLocation", a, in, func() (Outcome, error) { return h.registerLocation(ctx, a, in) })
}

func (h *Handlers) registerLocation(ctx context.Context, a access.Actor, in RegisterLocation) (Outcome, error) {
	owner, err := actingAs(a, "uscc", in.USCC)
	if err != nil {
		return Outcome{}, err
	}
	g, err := parseWith("gln", in.GLN, ident.ParseGLN)
	if err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{location.Stream(g)}, []string{enterprise.Stream(owner)})
	defer unit.end()
	if _, err := registered(ctx, unit, owner, "uscc"); err != nil {
		return Outcome{}, err
	}
	l, err := load(ctx, unit, location.Stream(g), location.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := l.Register(g, in.Extension, owner, in.Name); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}
