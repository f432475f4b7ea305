package clickhouse

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// gauges gathers the sink's metrics for one table: name → value.
func gauges(t *testing.T, s *Sink, table string) map[string]float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	if err := reg.Register(NewCollector(t.Context(), s)); err != nil {
		t.Fatalf("register: %v", err)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			if m.GetLabel()[0].GetValue() != table {
				continue
			}
			v := m.GetGauge().GetValue()
			if m.GetCounter() != nil {
				v = m.GetCounter().GetValue()
			}
			out[f.GetName()] = v
		}
	}
	return out
}
