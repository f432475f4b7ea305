package command

import (
	"context"
	"sort"

	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/location"
)

// parties are the enterprises an event's locations and parties resolve to.
type parties struct {
	bizLocation, readPoint string
	sources, destinations  map[string]string // party type -> USCC
	order                  []string
}

// resolve looks every GLN of the event up in the registry: each must be
// registered.
func (h *Handlers) resolve(ctx context.Context, ev EPCISEvent) (parties, error) {
	ps := parties{sources: map[string]string{}, destinations: map[string]string{}}
	var err error
	if ps.bizLocation, err = h.ownerOf(ctx, "bizLocation", ev.BizLocation); err != nil {
		return ps, err
	}
	if ps.readPoint, err = h.ownerOf(ctx, "readPoint", ev.ReadPoint); err != nil {
		return ps, err
	}
	ps.order = append(ps.order, ps.bizLocation, ps.readPoint)
	for i, p := range ev.Sources {
		u, err := h.ownerOf(ctx, fieldIndex("sourceList", i), p.Place)
		if err != nil {
			return ps, err
		}
		if _, dup := ps.sources[p.Type]; !dup {
			ps.sources[p.Type] = u
		}
		ps.order = append(ps.order, u)
	}
	for i, p := range ev.Destinations {
		u, err := h.ownerOf(ctx, fieldIndex("destinationList", i), p.Place)
		if err != nil {
			return ps, err
		}
		if _, dup := ps.destinations[p.Type]; !dup {
			ps.destinations[p.Type] = u
		}
		ps.order = append(ps.order, u)
	}
	return ps, nil
}

// ownerOf resolves a place to the enterprise that registered its GLN ("" for
// no place).
func (h *Handlers) ownerOf(ctx context.Context, field string, p Place) (string, error) {
	if p.GLN == "" && p.Raw == "" {
		return "", nil
	}
	if p.GLN == "" {
		return "", refuse("not_a_gln", field, "%s is no GLN (SGLN, PGLN or a Digital Link with (414) or (417)): capture resolves locations through the GLN registry", p.Raw)
	}
	g, err := ident.ParseGLN(p.GLN)
	if err != nil {
		return "", refuse("not_a_gln", field, "%v", err)
	}
	u := h.begin(readOnly, nil, []string{location.Stream(g)})
	defer u.end()
	l, err := load(ctx, u, location.Stream(g), location.Load)
	if err != nil {
		return "", err
	}
	if l.Owner() == "" {
		return "", refuse("unknown_gln", field, "GLN %s is registered by no enterprise", location.Key(g.String(), p.Extension))
	}
	return l.Owner(), nil
}

// partyPreference is the order in which party types name who acts.
var partyPreference = []string{"possessing_party", "owning_party", "location", ""}

func pick(m map[string]string) string {
	for _, t := range partyPreference {
		if u := m[t]; u != "" {
			return u
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] != "" {
			return m[k]
		}
	}
	return ""
}

// acting is the enterprise that acts in an event of bizStep, and the field
// that names it: the bizLocation (else the readPoint); a shipment's sender
// by its sourceList when it has no bizLocation, a receipt's receiver by its
// destinationList.
func (ps parties) acting(bizStep string) (string, string) {
	switch commandOfBizStep[bizStep] {
	case "Ship":
		if u := pick(ps.sources); u != "" && ps.bizLocation == "" {
			return "sourceList", u
		}
	case "ConfirmReceipt":
		if u := pick(ps.destinations); u != "" && ps.bizLocation == "" {
			return "destinationList", u
		}
	}
	if ps.bizLocation != "" {
		return "bizLocation", ps.bizLocation
	}
	if ps.readPoint != "" {
		return "readPoint", ps.readPoint
	}
	if u := pick(ps.sources); u != "" {
		return "sourceList", u
	}
	return "destinationList", pick(ps.destinations)
}

// receiver is the enterprise a shipment goes to.
func (ps parties) receiver() string { return pick(ps.destinations) }

// all lists the event's enterprises, acting first, each once.
func (ps parties) all(acting string) []string {
	out := []string{acting}
	for _, u := range ps.order {
		if u != "" && !contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
