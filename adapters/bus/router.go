package bus

import (
	"fmt"
	"time"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/components/metrics"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/ThreeDotsLabs/watermill/message/router/middleware"
	"github.com/prometheus/client_golang/prometheus"
)

// RouterOptions tune NewRouter. Zero values give the production behaviour.
type RouterOptions struct {
	// Registerer takes the router's metrics (watermill's handler and
	// subscriber counters and histograms, namespace "traceledger",
	// subsystem "bus"). Required: the process's own registry, never the
	// global one.
	Registerer prometheus.Registerer
	// MaxRetries is how often a failed message is handled again before it
	// goes to PoisonTopic (default 5).
	MaxRetries int
	// InitialInterval is the first wait between retries (default 100ms,
	// doubling up to 10s).
	InitialInterval time.Duration
	// Logger is Watermill's logger (default: none).
	Logger watermill.LoggerAdapter
}

// NewRouter is the Router every consumer of the bus runs in: a panic is an
// error; a failing message is retried with exponential backoff, then
// published to PoisonTopic with the reason and acknowledged, so one bad
// message never stops the consumers behind it. Add handlers with
// AddConsumerHandler on ps.Subscriber(name), then Run.
func NewRouter(ps PubSub, o RouterOptions) (*message.Router, error) {
	if o.Registerer == nil {
		return nil, fmt.Errorf("bus router: a prometheus.Registerer is required")
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = 5
	}
	if o.InitialInterval <= 0 {
		o.InitialInterval = 100 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = watermill.NopLogger{}
	}
	r, err := message.NewRouter(message.RouterConfig{CloseTimeout: 30 * time.Second}, o.Logger)
	if err != nil {
		return nil, fmt.Errorf("bus router: %w", err)
	}
	poison, err := middleware.PoisonQueue(ps.Publisher(), PoisonTopic)
	if err != nil {
		return nil, fmt.Errorf("bus router: poison queue: %w", err)
	}
	// The first middleware is the outermost: the poison queue sees a
	// message only once the retries inside it gave up.
	r.AddMiddleware(
		poison,
		middleware.Retry{
			MaxRetries:      o.MaxRetries,
			InitialInterval: o.InitialInterval,
			MaxInterval:     10 * time.Second,
			Multiplier:      2,
			Logger:          o.Logger,
		}.Middleware,
		middleware.Recoverer,
	)
	metrics.NewPrometheusMetricsBuilder(o.Registerer, "traceledger", "bus").AddPrometheusRouterMetrics(r)
	return r, nil
}
