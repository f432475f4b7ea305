package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// projectionCollector exports each read model's position and lag behind the
// log head at every scrape.
type projectionCollector struct {
	store    event.Store
	runners  []*runner.Runner
	position *prometheus.Desc
	lag      *prometheus.Desc
	failed   *prometheus.Desc
}

// newProjectionCollector reports the models of every runner (serve keeps
// the search index in a runner of its own).
func newProjectionCollector(store event.Store, rs ...*runner.Runner) *projectionCollector {
	return &projectionCollector{
		store:    store,
		runners:  rs,
		position: prometheus.NewDesc("traceledger_projection_position", "Last log position the read model applied.", []string{"projection"}, nil),
		lag:      prometheus.NewDesc("traceledger_projection_lag_events", "Events in the log the read model has not applied yet.", []string{"projection"}, nil),
		failed:   prometheus.NewDesc("traceledger_projection_failed", "1 when the read model stopped on an error (see the log).", []string{"projection"}, nil),
	}
}

func (c *projectionCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.position
	ch <- c.lag
	ch <- c.failed
}

func (c *projectionCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	head, err := c.store.Head(ctx)
	var statuses []runner.Status
	for _, r := range c.runners {
		statuses = append(statuses, r.Statuses()...)
	}
	for _, s := range statuses {
		ch <- prometheus.MustNewConstMetric(c.position, prometheus.GaugeValue, float64(s.Position), s.Name)
		if err == nil {
			ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, float64(head-min(head, s.Position)), s.Name)
		}
		failed := 0.0
		if s.Err != nil {
			failed = 1
		}
		ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, failed, s.Name)
	}
}
