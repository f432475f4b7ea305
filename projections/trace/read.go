package trace

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/projections/modelstore"
)

// The queries' reads of the committed model; they run under the read lock.

func (p *Projection) batch(gtin, lot string) (*Batch, error) { return readBatch(p.m, gtin, lot) }

// holderRow is one holder's tally row of a batch.
type holderRow struct {
	h   holder
	rec tallyRec
}

// rows reads every holder's row of a batch: one scan.
func (p *Projection) rows(gtin, lot string) ([]holderRow, error) {
	prefix := underBatch(pTally, gtin, lot)
	var out []holderRow
	var bad []byte
	err := p.m.Scan(prefix, nil, false, func(k, v []byte) bool {
		rec, ok := decodeTally(v)
		if !ok || len(k) != len(prefix)+holderKeySize {
			bad = append([]byte{}, k...)
			return false
		}
		out = append(out, holderRow{h: holder(binary.BigEndian.Uint32(k[len(prefix):])), rec: rec})
		return true
	})
	if err == nil && bad != nil {
		err = corrupt("tally", bad)
	}
	return out, err
}

// tallies counts every holder's units, each unit once, where it is now, as
// batch.Tallies does: sorted by USCC, holders with nothing to count left out.
func (p *Projection) tallies(rows []holderRow) []batch.Tally {
	out := make([]batch.Tally, 0, len(rows))
	for i := range rows {
		if t := rows[i].rec.tally(p.hs.uscc(rows[i].h)); t != (batch.Tally{USCC: t.USCC}) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b batch.Tally) int { return strings.Compare(a.USCC, b.USCC) })
	return out
}

// involved reports whether h held or holds units of the batch, or
// was sent some; a failed read is an error.
func (p *Projection) involved(h holder, gtin, lot string) (bool, error) {
	_, ok, err := p.m.Get(holderBatchKey(pInvolved, h, gtin, lot))
	if err != nil {
		return false, fmt.Errorf("trace model: who handled %s/%s: %w", gtin, lot, err)
	}
	return ok, nil
}

// batchesOf calls fn with every batch under prefix h4 (the I and O indexes).
func (p *Projection) batchesOf(index string, h holder, fn func(gtin, lot string) bool) error {
	prefix := holderPrefix(index, h)
	return p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		g, l := splitBatch(k[len(prefix):])
		return fn(g, l)
	})
}

// containers reads the containers holding the batch's packed items, per
// holder, each list sorted (the rows are in that order); only h's when
// one is given.
func (p *Projection) containers(gtin, lot string, only *holder) (map[holder][]string, error) {
	prefix := underBatch(pContainer, gtin, lot)
	if only != nil {
		prefix = appendHolder(prefix, *only)
	}
	base := len(underBatch(pContainer, gtin, lot))
	var out map[holder][]string
	err := p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		if len(k) < base+holderKeySize {
			return true
		}
		if out == nil {
			out = map[holder][]string{}
		}
		h := holder(binary.BigEndian.Uint32(k[base:]))
		out[h] = append(out[h], string(k[base+holderKeySize:]))
		return true
	})
	return out, err
}

// moves reads the batch's moves in log order: one scan.
func (p *Projection) moves(b *Batch) ([]move, error) {
	out := make([]move, 0, b.Moves)
	var bad []byte
	err := p.m.Scan(underNumber(pMove, b.No), nil, false, func(k, v []byte) bool {
		m, ok := decodeMove(v)
		if !ok {
			bad = append([]byte{}, k...)
			return false
		}
		out = append(out, m)
		return true
	})
	if err == nil && bad != nil {
		err = corrupt("move", bad)
	}
	return out, err
}

// lotsOf finds the first lot of a GTIN (in lot order) that labelled
// serial: none or one.
func (p *Projection) lotsOf(gtin, serial string) ([]string, error) {
	prefix := modelstore.Key(pSerial, gtin, serial, "")
	var out []string
	err := p.m.Scan(prefix, nil, false, func(k, _ []byte) bool {
		out = append(out, string(k[len(prefix):]))
		return false
	})
	return out, err
}
