package trace

import (
	"strconv"
	"time"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// synthetic feeds a trace projection a data set shaped like the demo's:
// batches of labelled items shipped from their owner to distributors, on
// to retailers, part of them sold; everything received but the last
// shipment of each distributor.
type synthetic struct {
	p    *Projection
	pos  uint64
	t    time.Time
	envs []runner.Envelope
}

func (s *synthetic) emit(ev event.Event) {
	s.pos++
	s.t = s.t.Add(time.Second)
	env := runner.Envelope{Event: ev}
	env.Position, env.Type, env.Metadata.OccurredAt = s.pos, ev.EventType(), s.t
	s.envs = append(s.envs, env)
}

func (s *synthetic) flush() error {
	err := s.p.Apply(s.envs)
	s.envs = s.envs[:0]
	return err
}

// synthUSCC makes a distinct 18-character USCC-shaped id; the projection
// does not validate ids, and the benchmark should not spend its time on it.
func synthUSCC(kind byte, n int) string {
	s := strconv.Itoa(n)
	return "91310000" + string(kind) + "00000000"[:9-len(s)] + s
}

// batchPlan is one batch of the synthetic data set.
type batchPlan struct {
	gtin, lot, owner   string
	items              int
	distributors       []string
	retailers          []string
	perShip, perRetail int
	sellEvery          int
}

// feed emits one batch's events: label, ship to distributors in lots of
// perShip, on to retailers in lots of perRetail, sell every sellEvery-th
// retail shipment's first unit and two of each tenth.
func (s *synthetic) feed(b batchPlan, serial *int) error {
	s.emit(batch.Registered{GTIN: b.gtin, Lot: b.lot, Quantity: int64(b.items), ProducedOn: "2026-01-01", ExpiresOn: "2027-01-01", OwnerUSCC: b.owner, OriginCountry: "CN"})
	serials := make([]string, b.items)
	for i := range serials {
		*serial++
		serials[i] = strconv.Itoa(*serial)
	}
	s.emit(batch.Labelled{GTIN: b.gtin, Lot: b.lot, OwnerUSCC: b.owner, Serials: serials})
	ship := 0
	send := func(from, to string, units []string, receive bool) {
		ship++
		id := b.lot + "-s" + strconv.Itoa(ship)
		s.emit(batch.Shipped{GTIN: b.gtin, Lot: b.lot, ShipmentID: id, FromUSCC: from, ToUSCC: to, Waybill: "WB" + id, Units: batch.Units{Serials: units}})
		if receive {
			s.emit(batch.Received{GTIN: b.gtin, Lot: b.lot, ShipmentID: id, ToUSCC: to, Units: batch.Units{Serials: units}})
		}
	}
	perDist := (b.items + len(b.distributors) - 1) / len(b.distributors)
	r := 0
	for d, dist := range b.distributors {
		part := serials[min(d*perDist, len(serials)):min((d+1)*perDist, len(serials))]
		for i := 0; i < len(part); i += b.perShip {
			send(b.owner, dist, part[i:min(i+b.perShip, len(part))], true)
		}
		for i := 0; i < len(part); i += b.perRetail {
			units := part[i:min(i+b.perRetail, len(part))]
			last := i+b.perRetail >= len(part)
			retailer := b.retailers[r%len(b.retailers)]
			r++
			send(dist, retailer, units, !last)
			if !last && r%b.sellEvery == 0 {
				s.emit(batch.Sold{GTIN: b.gtin, Lot: b.lot, SellerUSCC: retailer, Channel: "retail", Units: batch.Units{Serials: units[:min(2, len(units))]}})
			}
		}
	}
	return s.flush()
}
