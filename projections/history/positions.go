package history

import (
	"encoding/binary"
	"math"

	"github.com/traceledger/traceledger/app/query"
)

// pager cuts a page of a history visited in the asked order: at most
// spec.Limit positions (below 1: all) of events that occurred within
// [spec.From, spec.To) when those are set. Next is the page's last position
// when a further event matches, so a page is never cut without saying so
// and the last page says it is the last.
type pager struct {
	spec     query.PageSpec
	from, to int64
	filtered bool
	pg       query.PositionPage
}

func newPager(spec query.PageSpec) *pager {
	pg := &pager{spec: spec, from: math.MinInt64, to: math.MaxInt64, pg: query.PositionPage{Positions: []uint64{}}}
	pg.filtered = !spec.From.IsZero() || !spec.To.IsZero()
	if !spec.From.IsZero() {
		pg.from = spec.From.UnixMilli()
	}
	if !spec.To.IsZero() {
		pg.to = spec.To.UnixMilli()
	}
	return pg
}

// visit offers the event at pos, which occurred at ms (Unix milliseconds),
// and reports whether the page wants more.
func (pg *pager) visit(pos uint64, ms int64) bool {
	if pg.filtered && (ms < pg.from || ms >= pg.to) {
		return true
	}
	if pg.spec.Limit > 0 && len(pg.pg.Positions) == pg.spec.Limit {
		pg.pg.Next = pg.pg.Positions[len(pg.pg.Positions)-1]
		return false
	}
	pg.pg.Positions = append(pg.pg.Positions, pos)
	return true
}

// stamped is a position with when its event occurred.
type stamped struct {
	pos uint64
	ms  int64
}

// readAll reads the whole history under prefix, in log order.
func readAll(s scanner, prefix []byte) ([]stamped, error) {
	var out []stamped
	err := s.Scan(prefix, nil, false, func(k, v []byte) bool {
		out = append(out, stamped{pos: tailPos(k), ms: timeOf(v)})
		return true
	})
	return out, err
}

// merge returns the union of two histories in log order.
func merge(a, b []stamped) []stamped {
	out := make([]stamped, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var p stamped
		switch {
		case j == len(b) || (i < len(a) && a[i].pos < b[j].pos):
			p, i = a[i], i+1
		case i == len(a) || b[j].pos < a[i].pos:
			p, j = b[j], j+1
		default:
			p, i, j = a[i], i+1, j+1
		}
		out = append(out, p)
	}
	return out
}

// page cuts a page of a history held in memory, in log order (see pager).
func page(ps []stamped, spec query.PageSpec) query.PositionPage {
	pg := newPager(spec)
	if spec.Desc {
		for i := len(ps) - 1; i >= 0; i-- {
			if spec.After != 0 && ps[i].pos >= spec.After {
				continue
			}
			if !pg.visit(ps[i].pos, ps[i].ms) {
				break
			}
		}
		return pg.pg
	}
	for _, p := range ps {
		if p.pos <= spec.After {
			continue
		}
		if !pg.visit(p.pos, p.ms) {
			break
		}
	}
	return pg.pg
}

// timeOf reads a position key's value: when its event occurred.
func timeOf(v []byte) int64 {
	if len(v) < 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}
