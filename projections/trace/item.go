package trace

import (
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/unitstate"
)

// ItemPath is the path one labelled item travelled, derived at query time
// from its batch's moves (nothing is stored per item but its holder and
// state), and where it is now.
type ItemPath struct {
	Code       string `json:"code"`
	GTIN       string `json:"gtin"`
	Lot        string `json:"lot"`
	Serial     string `json:"serial"`
	State      string `json:"state"`
	HolderUSCC string `json:"holder_uscc"`
	HolderName string `json:"holder_name"`
	Steps      []Step `json:"steps"`
	// Involved is every enterprise on the path, for access checks.
	Involved []string `json:"-"`
}

// Step is one thing that happened to the item: labelled, shipped,
// received, sold, returned or destroyed.
type Step struct {
	Kind       string    `json:"kind"`
	At         time.Time `json:"at"`
	USCC       string    `json:"uscc,omitempty"`
	Name       string    `json:"name,omitempty"`
	From       string    `json:"from,omitempty"`
	FromName   string    `json:"from_name,omitempty"`
	To         string    `json:"to,omitempty"`
	ToName     string    `json:"to_name,omitempty"`
	ShipmentID string    `json:"shipment_id,omitempty"`
	Waybill    string    `json:"waybill,omitempty"`
	Channel    string    `json:"channel,omitempty"`
	RecallID   string    `json:"recall_id,omitempty"`
}

// StateName spells a unit's state as the API does.
func StateName(s batch.State) string {
	switch s {
	case batch.StateInStock:
		return "in_stock"
	case batch.StateInTransit:
		return "in_transit"
	case batch.StateSold:
		return "sold"
	case batch.StateReturned:
		return "returned"
	case batch.StateDestroyed:
		return "destroyed"
	}
	return "unknown"
}

// ItemPath answers an item's path. lot may be empty (an SGTIN carries
// none): the GTIN's batches are then searched for the serial, in lot order.
func (p *Projection) ItemPath(gtin, lot, serial string, names Names) (ItemPath, error) {
	p.RLock()
	defer p.RUnlock()
	lots := []string{lot}
	if lot == "" {
		lots = p.State().lots[gtin]
	}
	for _, l := range lots {
		b := p.batch(gtin, l)
		if b == nil {
			continue
		}
		if i, holder, st, ok := b.Units.Item(serial); ok {
			return p.itemPath(b, i, holder, st, serial, newNameCache(names, 8)), nil
		}
	}
	return ItemPath{}, domain.NotFound("code", "item %s of GTIN %s is not labelled", serial, gtin)
}

func (p *Projection) itemPath(b *Batch, i int32, holder unitstate.Holder, st batch.State, serial string, nc *nameCache) ItemPath {
	hs := p.State().Holders
	out := ItemPath{GTIN: b.GTIN, Lot: b.Lot, Serial: serial, State: StateName(st), HolderUSCC: hs.USCC(holder), Steps: []Step{}}
	out.HolderName = nc.name(out.HolderUSCC)
	g, _ := ident.ParseGTIN(b.GTIN)
	l, _ := ident.ParseLot(b.Lot)
	s, _ := ident.ParseSerial(serial)
	out.Code = ident.ItemCode{GTIN: g, Lot: l, Serial: s}.Path()
	seen := map[string]bool{}
	involve := func(u string) {
		if !seen[u] {
			seen[u] = true
			out.Involved = append(out.Involved, u)
		}
	}
	for _, m := range b.Units.Path(i) {
		by := hs.USCC(m.By)
		involve(by)
		switch m.Kind {
		case unitstate.KindShipped:
			to := hs.USCC(m.To)
			involve(to)
			out.Steps = append(out.Steps, Step{Kind: m.Kind.String(), At: at(m.At), From: by, FromName: nc.name(by), To: to, ToName: nc.name(to), ShipmentID: m.Ref, Waybill: m.Waybill})
			if m.Received {
				out.Steps = append(out.Steps, Step{Kind: "received", At: at(m.ReceivedAt), USCC: to, Name: nc.name(to), ShipmentID: m.Ref, Waybill: m.Waybill})
			}
		case unitstate.KindSold:
			out.Steps = append(out.Steps, Step{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by), Channel: m.Ref})
		case unitstate.KindReturned, unitstate.KindDestroyed:
			out.Steps = append(out.Steps, Step{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by), RecallID: m.Ref})
		default:
			out.Steps = append(out.Steps, Step{Kind: m.Kind.String(), At: at(m.At), USCC: by, Name: nc.name(by)})
		}
	}
	return out
}
