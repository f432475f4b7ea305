package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	chanalytics "github.com/traceledger/traceledger/adapters/clickhouse/analytics"
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/runner"
)

// dashboards answers the analytics routes from ClickHouse once the sink is
// connected, and from the embedded read models before that or when no
// ClickHouse is configured; every answer's "source" says which.
type dashboards struct {
	embedded   httpapi.Analytics
	embeddedRM httpapi.ReadModels
	ch         atomic.Pointer[dashboardSource]
}

type dashboardSource struct {
	a  httpapi.Analytics
	rm httpapi.ReadModels
}

func newDashboards(m *models, rn *runner.Runner) *dashboards {
	return &dashboards{embedded: analytics.Embedded{Risk: m.risk, Model: m.analytics}, embeddedRM: rn.Of(m.risk.Name(), m.analytics.Name())}
}

func (d *dashboards) current() (httpapi.Analytics, httpapi.ReadModels) {
	if s := d.ch.Load(); s != nil {
		return s.a, s.rm
	}
	return d.embedded, d.embeddedRM
}

func (d *dashboards) Grades(ctx context.Context, asOf time.Time) (analytics.Grades, error) {
	a, _ := d.current()
	return a.Grades(ctx, asOf)
}

func (d *dashboards) TopRisks(ctx context.Context, asOf time.Time, limit int) (analytics.TopRisks, error) {
	a, _ := d.current()
	return a.TopRisks(ctx, asOf, limit)
}

func (d *dashboards) RiskTrend(ctx context.Context, asOf time.Time) (analytics.RiskTrend, error) {
	a, _ := d.current()
	return a.RiskTrend(ctx, asOf)
}

func (d *dashboards) Rates(ctx context.Context, asOf time.Time, by analytics.RateKey) (analytics.Rates, error) {
	a, _ := d.current()
	return a.Rates(ctx, asOf, by)
}

func (d *dashboards) Recalls(ctx context.Context, asOf time.Time) (analytics.Recalls, error) {
	a, _ := d.current()
	return a.Recalls(ctx, asOf)
}

// dashboardModels is the read-model side of dashboards: a query waits for
// whichever source answers it.
type dashboardModels struct{ d *dashboards }

func (m dashboardModels) WaitFor(ctx context.Context, pos uint64) error {
	_, rm := m.d.current()
	return rm.WaitFor(ctx, pos)
}

func (m dashboardModels) Position() uint64 {
	_, rm := m.d.current()
	return rm.Position()
}

// runClickHouse streams the log into ClickHouse until ctx ends (the sink
// retries with backoff while ClickHouse is down: the ledger serves
// meanwhile) and moves the dashboards to it once it holds the log.
func runClickHouse(ctx context.Context, dsn string, store event.Store, m *models, reg prometheus.Registerer, d *dashboards, logger *slog.Logger) error {
	conn, err := clickhouse.Dial(dsn)
	if err != nil {
		return err
	}
	defer conn.Close()
	tables := append([]clickhouse.Table{clickhouse.NewEventsTable()}, chanalytics.Tables()...)
	sink := clickhouse.NewSink(conn, store, clickhouse.SinkOptions{Logger: logger}, tables...)
	if err := reg.Register(clickhouse.NewCollector(ctx, sink)); err != nil {
		logger.Warn("ClickHouse sink metrics not registered", "err", err)
	}
	logger.Info("ClickHouse sink started", "database", conn.Database())
	done := make(chan error, 1)
	go func() { done <- sink.Run(ctx) }()
	// The dashboards move to ClickHouse once it holds the log as it was when
	// the sink started, so they never answer from a half-filled database.
	if head, err := store.Head(ctx); err == nil && sink.WaitFor(ctx, head) == nil {
		d.ch.Store(&dashboardSource{a: chanalytics.NewSource(conn, m.risk.Config()), rm: chanalytics.SinkModels{Sink: sink}})
		logger.Info("dashboards answer from ClickHouse", "position", head)
	}
	return <-done
}
