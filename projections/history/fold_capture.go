package history

import (
	"strings"

	"github.com/traceledger/traceledger/domain/capture"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
)

// captured lists a captured EPCIS event in the histories of the enterprises
// it resolved to, of the batches it names and of the items the ledger
// already knows: an event that maps to no command is never out of sight.
func (s *state) captured(env *runner.Envelope, ev capture.EventCaptured) {
	pos := env.Position
	for _, u := range ev.Enterprises {
		s.touch(s.ent(u), pos)
	}
	for _, name := range ev.Batches {
		gtin, lot, _ := strings.Cut(name, "/")
		if b, ok := s.batchIdx[gtin+lot]; ok {
			s.batchPos(b, pos)
		}
	}
	for _, path := range ev.Items {
		c, err := ident.ParseItemCode(path)
		if err != nil {
			continue
		}
		if i := s.findItem(c.GTIN.String(), c.Lot.String(), c.Serial.String()); i != 0 {
			s.itemPos(i, pos)
		}
	}
}
