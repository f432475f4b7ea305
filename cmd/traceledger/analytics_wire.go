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
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
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

// newDashboards answers from the embedded models through a cache kept per
// log position, so a repeated question costs a lookup, not a pass over
// every enterprise.
func newDashboards(m *models, rn *runner.Runner) *dashboards {
	rm := rn.Of(m.risk.Name(), m.analytics.Name())
	embedded := query.NewCachedAnalytics(analytics.Embedded{Risk: m.risk, Model: m.analytics}, rm, query.DefaultDashboardCache)
	return &dashboards{embedded: embedded, embeddedRM: rm}
}

func (d *dashboards) current() (httpapi.Analytics, httpapi.ReadModels) {
	if s := d.ch.Load(); s != nil {
		return s.a, s.rm
	}
	return d.embedded, d.embeddedRM
}

func (d *dashboards) Enterprises(ctx context.Context, f query.DashboardFilter) (query.EnterpriseSet, error) {
	a, _ := d.current()
	return a.Enterprises(ctx, f)
}

func (d *dashboards) Grades(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.GradeDistribution, error) {
	a, _ := d.current()
	return a.Grades(ctx, asOf, f)
}

func (d *dashboards) TopRisks(ctx context.Context, asOf time.Time, limit int, f query.DashboardFilter) (query.TopRisks, error) {
	a, _ := d.current()
	return a.TopRisks(ctx, asOf, limit, f)
}

func (d *dashboards) RiskTrend(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RiskTrend, error) {
	a, _ := d.current()
	return a.RiskTrend(ctx, asOf, f)
}

func (d *dashboards) Rates(ctx context.Context, asOf time.Time, by query.RateKey, f query.DashboardFilter) (query.Rates, error) {
	a, _ := d.current()
	return a.Rates(ctx, asOf, by, f)
}

func (d *dashboards) Recalls(ctx context.Context, asOf time.Time, f query.DashboardFilter) (query.RecallDashboard, error) {
	a, _ := d.current()
	return a.Recalls(ctx, asOf, f)
}

func (d *dashboards) RankedRates(ctx context.Context, asOf time.Time, by query.RateKey, period query.RatePeriod, page query.RatePage) (query.Rates, error) {
	a, _ := d.current()
	return a.RankedRates(ctx, asOf, by, period, page)
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

// clickHouseConfig is what the ClickHouse sink needs: the server, the log it
// copies, the risk settings its dashboards grade with and the dashboards it
// moves over once it holds the log.
type clickHouseConfig struct {
	DSN        string
	Store      event.Store
	Risk       risk.Config
	Dashboards *dashboards
	Registerer prometheus.Registerer
	Logger     *slog.Logger
	// Running, when set, holds the sink while it runs (the admin status
	// lists its tables' positions).
	Running *atomic.Pointer[clickhouse.Sink]
	// ReadSide, when set, adds the read side's index table to the sink and
	// moves histories, traces and recall lists there with the dashboards;
	// Reader reads the events it lists and Models keeps the cards.
	ReadSide *readSide
	Reader   query.EventReader
	Models   *models
}

// Validate names every missing field.
func (c clickHouseConfig) Validate() error {
	return missing("ClickHouse sink", map[string]bool{
		"DSN": c.DSN != "", "Store": c.Store != nil, "Dashboards": c.Dashboards != nil,
		"Registerer": c.Registerer != nil, "Logger": c.Logger != nil,
		"Reader": c.ReadSide == nil || c.Reader != nil, "Models": c.ReadSide == nil || c.Models != nil,
	})
}

// runClickHouse streams the log into ClickHouse until ctx ends (the sink
// retries with backoff while ClickHouse is down: the ledger serves
// meanwhile) and moves the dashboards to it once it holds the log. When it
// stops, the dashboards go back to the embedded read models and its metrics
// are withdrawn, so that a restarted sink starts clean.
func runClickHouse(ctx context.Context, c clickHouseConfig) error {
	conn, err := clickhouse.Dial(c.DSN)
	if err != nil {
		return err
	}
	defer conn.Close()
	tables := append([]clickhouse.Table{clickhouse.NewEventsTable()}, chanalytics.Tables()...)
	t, err := c.ReadSide.table(c.Models)
	if err != nil {
		return err
	}
	if t != nil {
		tables = append(tables, t)
	}
	sink := clickhouse.NewSink(conn, c.Store, clickhouse.SinkOptions{Logger: c.Logger}, tables...)
	if c.Running != nil {
		c.Running.Store(sink)
		defer c.Running.Store(nil)
	}
	metrics := clickhouse.NewCollector(ctx, sink)
	if err := c.Registerer.Register(metrics); err != nil {
		c.Logger.Warn("ClickHouse sink metrics not registered", "err", err)
	} else {
		defer c.Registerer.Unregister(metrics)
	}
	c.Logger.Info("ClickHouse sink started", "database", conn.Database())
	done := make(chan error, 1)
	go func() { done <- sink.Run(ctx) }()
	// The dashboards move to ClickHouse once it holds the log as it was when
	// the sink started, so they never answer from a half-filled database.
	// The wait ends with the sink: a sink that stops before is not waited
	// for.
	wctx, stopWaiting := context.WithCancel(ctx)
	waited := make(chan struct{})
	go func() {
		defer close(waited)
		if head, err := c.Store.Head(wctx); err == nil && sink.WaitFor(wctx, head) == nil {
			c.Dashboards.ch.Store(&dashboardSource{a: chanalytics.NewSource(conn, c.Risk), rm: chanalytics.SinkModels{Sink: sink}})
			c.Logger.Info("dashboards answer from ClickHouse", "position", head)
			c.ReadSide.start(ctx, conn, sink, c.Reader, c.Models, c.Logger)
		}
	}()
	err = <-done
	stopWaiting()
	<-waited
	c.Dashboards.ch.Store(nil)
	c.ReadSide.stop()
	return err
}
