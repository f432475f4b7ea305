package query

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// InspectionTarget is an enterprise with its class and the sampling rates
// its class carries: class 3-4 enterprises are priority targets.
type InspectionTarget struct {
	USCC                  string  `json:"uscc"`
	Name                  string  `json:"name"`
	Grade                 int     `json:"grade"`
	Score                 float64 `json:"score"`
	Priority              bool    `json:"priority"`
	CustomsInspectionRate float64 `json:"customs_inspection_rate"`
	MarketSamplingRate    float64 `json:"market_sampling_rate"`
}

// BlacklistModel is what the published blacklist and the inspection work
// list read. *risk.Projection implements it.
type BlacklistModel interface {
	// Blacklist is every listing and de-listing up to now, oldest first.
	Blacklist(now time.Time) []BlacklistChange
	// Targets are every graded enterprise as of now, riskiest first.
	Targets(now time.Time) []InspectionTarget
}

// Blacklists publishes the blacklist (anyone may read it: seed 002's
// "定期向社会公布") and lists inspection targets for overseers.
type Blacklists struct {
	consistency
	model BlacklistModel
	names Names
}

// NewBlacklists reads model, naming enterprises with names (nil: the
// registered name).
func NewBlacklists(model BlacklistModel, names Names, progress Progress) *Blacklists {
	return &Blacklists{consistency: consistency{progress}, model: model, names: names}
}

// Blacklist answers the enterprises listed now (each with the change that
// listed it) and the whole history, both in date order: by the change's
// ledger date, changes of the same date in the order they were recorded
// (Seq). The model answers them in log order, where a change dated at a
// passed recall deadline, or an event recorded with an earlier occurred_at,
// can follow a later-dated one; who is listed now is decided in that log
// order, before sorting. The order is total, so offset pages of the same
// answer never skip or repeat a change.
func (q *Blacklists) Blacklist(ctx context.Context, rd Read, now time.Time) (listed, history []BlacklistChange, err error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, nil, err
	}
	history = q.model.Blacklist(now)
	defer func() {
		slices.SortStableFunc(history, byDate)
		slices.SortStableFunc(listed, byDate)
	}()
	current := map[string]int{}
	for i := range history {
		history[i].Name = q.name(history[i].USCC, history[i].Name)
		if history[i].Listed {
			current[history[i].USCC] = i
		} else {
			delete(current, history[i].USCC)
		}
	}
	listed = []BlacklistChange{}
	for i := range history {
		if j, ok := current[history[i].USCC]; ok && j == i {
			listed = append(listed, history[i])
		}
	}
	return listed, history, nil
}

// byDate orders changes by date, then by recording order.
func byDate(a, b BlacklistChange) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// Targets lists every graded enterprise with its sampling rates, riskiest
// first, to regulators and analysts.
func (q *Blacklists) Targets(ctx context.Context, rd Read, now time.Time) ([]InspectionTarget, error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, err
	}
	if !rd.Actor.Oversees() {
		return nil, domain.Forbidden("", "only_regulators_and_analysts_read", "only regulators and analysts read the inspection targets")
	}
	out := q.model.Targets(now)
	for i := range out {
		out[i].Name = q.name(out[i].USCC, out[i].Name)
	}
	return out, nil
}

func (q *Blacklists) name(uscc, fallback string) string {
	if q.names != nil {
		if n := q.names.Name(uscc); n != "" {
			return n
		}
	}
	return fallback
}
