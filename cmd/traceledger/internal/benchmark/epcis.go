package benchmark

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/projections/epcisview"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// benchEPCISRounds is how many times each EPCIS query is asked.
const benchEPCISRounds = 50

// benchEPCIS measures the EPCIS query interface on the demo data set in
// demoDir (seeded there unless another part did):
//
//   - epcis_demo_render_events_per_s: the read model rendering, hashing
//     and indexing the log, beside the history model's fold of the same
//     log (the cheapest fold of every event);
//   - epcis_demo_query_p99_ms: the 99th percentile of the queries a
//     partner asks (an item's events by EPC URN, a page of shipping
//     events, one event by id, an enterprise's first page, a page ordered
//     by event time), each answered as a JSON-LD document, beside the same
//     filters answered by a raw scan of the rendered events without
//     indexes, tenancy or documents.
func benchEPCIS(ctx context.Context, c Config, demoDir string, out func(Figure)) error {
	ledger := filepath.Join(demoDir, c.LedgerFile)
	if _, err := os.Stat(ledger); err != nil {
		if _, err := benchData(ctx, demoDir, c.LedgerFile, c.Items); err != nil {
			return err
		}
	}
	store, err := sqlite.OpenReadOnly(ctx, ledger)
	if err != nil {
		return err
	}
	defer store.Close()
	// The model lives on disk, as in serve: in a store of its own here.
	diskDir, err := os.MkdirTemp("", "epcis-bench-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(diskDir)
	disk, err := modelstore.Open(diskDir, modelstore.Options{})
	if err != nil {
		return err
	}
	defer disk.Close()
	view, err := epcisview.New(disk.Model("epcis"), querydoc.HashID)
	if err != nil {
		return err
	}
	hist, err := history.New(disk.Model("history"))
	if err != nil {
		return err
	}
	start := time.Now()
	if _, err := runner.Rebuild(ctx, store, "", nil, hist); err != nil {
		return err
	}
	histTook := time.Since(start)
	start = time.Now()
	if _, err := runner.Rebuild(ctx, store, "", nil, view); err != nil {
		return err
	}
	took := time.Since(start)
	n := view.Len()
	out(newFigure("epcis_demo_render_events_per_s", float64(n)/took.Seconds(), "events/s", "history_fold_events_per_s", float64(n)/histTook.Seconds()))

	filters, owner, err := epcisBenchFilters(view)
	if err != nil {
		return err
	}
	q := query.NewEPCISQueries(view, hist, doneProgress{})
	reg := query.Read{Actor: access.Actor{Role: access.RoleRegulator}}
	ent := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: owner}}
	var lat, raw []time.Duration
	for range benchEPCISRounds {
		for i, f := range filters {
			rd := reg
			if i == len(filters)-1 {
				rd = ent
			}
			t0 := time.Now()
			page, err := q.Events(ctx, rd, f, query.DefaultEPCISPerPage, "")
			if err != nil {
				return fmt.Errorf("epcis bench query: %w", err)
			}
			if _, err := querydoc.JSONLD(querydoc.Page{QueryName: "SimpleEventQuery", Events: page.Events, Created: t0}); err != nil {
				return err
			}
			lat = append(lat, time.Since(t0))
			t0 = time.Now()
			if _, err := view.Scan(f, query.DefaultEPCISPerPage); err != nil {
				return fmt.Errorf("epcis bench scan: %w", err)
			}
			raw = append(raw, time.Since(t0))
		}
	}
	out(newFigure("epcis_demo_query_p99_ms", ms(p99(lat)), "ms", "raw_scan_p99_ms", ms(p99(raw))))
	return nil
}

// epcisBenchFilters are the measured queries, from events of the log: the
// last is asked by the enterprise the sampled event concerns.
func epcisBenchFilters(view *epcisview.Projection) ([]query.EPCISFilter, string, error) {
	ev, ok, err := view.Sample(0.5)
	if err != nil {
		return nil, "", err
	}
	if !ok || len(ev.Enterprises) == 0 {
		return nil, "", errors.New("epcis bench: the demo renders no event")
	}
	epc := ev.EventID
	if all := ev.AllEPCs(); len(all) > 0 {
		epc = all[0]
	}
	return []query.EPCISFilter{
		{MatchAnyEPC: []string{epc}},
		{BizSteps: []string{"shipping"}},
		{EventIDs: []string{ev.EventID}},
		{OrderBy: "eventTime", Desc: true, BizSteps: []string{"retail_selling"}, GEEventTime: ev.EventTime},
		{},
	}, ev.Enterprises[0], nil
}

func p99(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)*99)/100]
}

// doneProgress is the progress of models rebuilt before they are asked.
type doneProgress struct{}

func (doneProgress) WaitFor(context.Context, uint64) error { return nil }
func (doneProgress) Position() uint64                      { return 0 }
