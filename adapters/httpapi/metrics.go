package httpapi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/event"
)

// Metrics are the API's Prometheus series. Route labels are mux patterns,
// never raw paths, so that GTINs and ids cannot explode the series count.
// Metrics is also the command.Observer that counts appended events and
// conflicts of every command the application decides: build it with
// NewMetrics, hand it to the command handlers and to Config.Metrics.
type Metrics struct {
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	appended  prometheus.Counter
	conflicts prometheus.Counter
	head      prometheus.Gauge

	headMu  sync.Mutex
	headMax uint64
}

// NewMetrics registers the API's series on reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "traceledger_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status code.",
		}, []string{"method", "route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "traceledger_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
		appended: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "traceledger_events_appended_total",
			Help: "Events appended to the log by commands.",
		}),
		conflicts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "traceledger_append_conflicts_total",
			Help: "Commands refused with 409: wrong expected version, duplicate event id or a domain conflict.",
		}),
		head: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "traceledger_log_head",
			Help: "Highest log position this process has seen.",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.appended, m.conflicts, m.head} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	return m, nil
}

func (m *Metrics) request(method, route string, status int, elapsed time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

// Done counts a command's appended events and moves the head gauge, or
// counts its refusal as a conflict when it was one.
func (m *Metrics) Done(_ string, out command.Outcome, err error) {
	if err != nil {
		if errors.Is(err, event.ErrConcurrency) || errors.Is(err, event.ErrDuplicateID) || errors.Is(err, domain.ErrConflict) {
			m.conflicts.Inc()
		}
		return
	}
	m.appended.Add(float64(len(out.Events)))
	m.observeHead(out.Head())
}

var _ command.Observer = (*Metrics)(nil)

// observeHead moves the head gauge forward, never back: concurrent commands
// finish in any order.
func (m *Metrics) observeHead(head uint64) {
	m.headMu.Lock()
	defer m.headMu.Unlock()
	if head > m.headMax {
		m.headMax = head
		m.head.Set(float64(head))
	}
}

// routeLabel is a mux pattern without its method ("/api/v1/recalls/{id}"),
// the method being a label of its own; fallback when there is no pattern.
func routeLabel(pattern, fallback string) string {
	if pattern == "" {
		pattern = fallback
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		pattern = strings.TrimLeft(pattern[i+1:], " \t")
	}
	return pattern
}
