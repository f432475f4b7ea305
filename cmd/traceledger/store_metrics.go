package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// modelStoreCollector exports the on-disk model store's compaction work at
// every scrape: after a long fold Pebble goes on compacting for a while,
// and reads are slower until it is done.
type modelStoreCollector struct {
	disk    *modelstore.DB
	running *prometheus.Desc
	debt    *prometheus.Desc
}

func newModelStoreCollector(disk *modelstore.DB) *modelStoreCollector {
	return &modelStoreCollector{
		disk:    disk,
		running: prometheus.NewDesc("traceledger_model_store_compactions_running", "Compactions under way in the on-disk model store.", nil, nil),
		debt:    prometheus.NewDesc("traceledger_model_store_compaction_debt_bytes", "Bytes the on-disk model store estimates it has to compact.", nil, nil),
	}
}

func (c *modelStoreCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.running
	ch <- c.debt
}

func (c *modelStoreCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.disk.Compaction()
	ch <- prometheus.MustNewConstMetric(c.running, prometheus.GaugeValue, float64(s.Running))
	ch <- prometheus.MustNewConstMetric(c.debt, prometheus.GaugeValue, float64(s.DebtBytes))
}
