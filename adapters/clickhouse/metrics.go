package clickhouse

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// collector exports the sink's progress at every scrape.
type collector struct {
	ctx                                          context.Context
	sink                                         *Sink
	position, lag, rows, failures, failing, stop *prometheus.Desc
}

// NewCollector exports each table's position, its lag behind the log head
// (the figure to alert on: it grows while ClickHouse is down), rows
// inserted, failed inserts, whether the last attempt failed and whether the
// table stopped. ctx bounds the look-ups of the log head that scrapes make
// (pass the server's lifetime context); register the collector on the
// server's own registry.
func NewCollector(ctx context.Context, s *Sink) prometheus.Collector {
	l := []string{"table"}
	return &collector{
		ctx:      ctx,
		sink:     s,
		position: prometheus.NewDesc("traceledger_clickhouse_sink_position", "Log position the ClickHouse table is complete through (acknowledged).", l, nil),
		lag:      prometheus.NewDesc("traceledger_clickhouse_sink_lag_events", "Events in the log not yet acknowledged by ClickHouse for the table.", l, nil),
		rows:     prometheus.NewDesc("traceledger_clickhouse_sink_rows_total", "Rows inserted into the table since the sink started.", l, nil),
		failures: prometheus.NewDesc("traceledger_clickhouse_sink_insert_failures_total", "Failed insert attempts since the sink started (each is retried).", l, nil),
		failing:  prometheus.NewDesc("traceledger_clickhouse_sink_failing", "1 while the table's last attempt failed (ClickHouse down or refusing).", l, nil),
		stop:     prometheus.NewDesc("traceledger_clickhouse_sink_stopped", "1 when the table stopped on rows it refuses (see the log); the sink must be fixed.", l, nil),
	}
}

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.position, c.lag, c.rows, c.failures, c.failing, c.stop} {
		ch <- d
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(c.ctx, 2*time.Second)
	defer cancel()
	head, headErr := c.sink.log.Head(ctx)
	flag := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	for _, s := range c.sink.Statuses() {
		ch <- prometheus.MustNewConstMetric(c.position, prometheus.GaugeValue, float64(s.Position), s.Table)
		if headErr == nil {
			ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, float64(head-min(head, s.Position)), s.Table)
		}
		ch <- prometheus.MustNewConstMetric(c.rows, prometheus.CounterValue, float64(s.Rows), s.Table)
		ch <- prometheus.MustNewConstMetric(c.failures, prometheus.CounterValue, float64(s.Failures), s.Table)
		ch <- prometheus.MustNewConstMetric(c.failing, prometheus.GaugeValue, flag(s.Err != nil && !s.Stopped), s.Table)
		ch <- prometheus.MustNewConstMetric(c.stop, prometheus.GaugeValue, flag(s.Stopped), s.Table)
	}
}
