package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// DefaultMaxBodyBytes bounds a command's body: larger requests are refused
// with 413 before they are read into memory.
const DefaultMaxBodyBytes = 1 << 20

// Config is what a Server is built from. Commands, Tokens, Log, Registerer
// and Gatherer are required; the rest have defaults.
type Config struct {
	Commands Commands
	Tokens   Tokens
	Log      Log
	// Idempotency finds the keys of commands sent with an Idempotency-Key
	// (the event store records them with the events, see event.KeyedStore).
	// Without it the header is refused (400) rather than silently ignored,
	// since a client relying on it could otherwise record an event twice.
	Idempotency Idempotency
	// TokenAdmin, when set, serves the admin routes under /api/v1/admin/tokens.
	TokenAdmin TokenAdmin
	// Registerer receives the API's metrics; Gatherer is served at /metrics.
	// Pass the same non-global *prometheus.Registry to both.
	Registerer prometheus.Registerer
	Gatherer   prometheus.Gatherer
	// Metrics, when set, are the series built by NewMetrics on Registerer
	// and handed to the command handlers as their observer; without it New
	// registers its own, and no command is counted.
	Metrics *Metrics
	Logger  *slog.Logger
	// MaxBodyBytes bounds request bodies (default DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// RateLimit is the sustained requests per second allowed per bearer
	// token and RateBurst the bucket size; RateLimit 0 uses
	// DefaultRateLimit, a negative RateLimit disables limiting.
	RateLimit float64
	RateBurst int
	// Health, when set, adds the background components to /healthz.
	Health Health
}

// check names every required field that is missing.
func (cfg Config) check() error {
	var missing []error
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"Commands", cfg.Commands != nil},
		{"Tokens", cfg.Tokens != nil},
		{"Log", cfg.Log != nil},
		{"Registerer", cfg.Registerer != nil},
		{"Gatherer", cfg.Gatherer != nil},
	} {
		if !f.ok {
			missing = append(missing, fmt.Errorf("httpapi: Config.%s is required", f.name))
		}
	}
	return errors.Join(missing...)
}

// Server is the ledger's HTTP handler. Build it with New, add routes with
// Handle or HandleFunc, and pass it to an http.Server.
type Server struct {
	mux          *http.ServeMux
	commands     Commands
	tokens       Tokens
	log          Log
	idem         Idempotency
	idemLocks    *keyLocks
	admin        TokenAdmin
	logger       *slog.Logger
	metrics      *Metrics
	limiter      *limiter
	maxBodyBytes int64
	health       Health
	cardPage     http.Handler // the Digital Link card's HTML page; see SetCardPage
	productPage  http.Handler // the GTIN-only Digital Link's HTML page; see SetProductPage
	errorPage    ErrorPage    // the browsers' HTML error page; see SetErrorPage
}

// New builds a Server with every route of the contract this adapter owns:
// the commands, the global log, /healthz and /metrics.
func New(cfg Config) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	m := cfg.Metrics
	if m == nil {
		var err error
		if m, err = NewMetrics(cfg.Registerer); err != nil {
			return nil, fmt.Errorf("httpapi: %w", err)
		}
	}
	s := &Server{
		mux:          http.NewServeMux(),
		commands:     cfg.Commands,
		tokens:       cfg.Tokens,
		log:          cfg.Log,
		idem:         cfg.Idempotency,
		idemLocks:    newKeyLocks(),
		admin:        cfg.TokenAdmin,
		logger:       cfg.Logger,
		metrics:      m,
		limiter:      newLimiter(cfg.RateLimit, cfg.RateBurst),
		maxBodyBytes: cfg.MaxBodyBytes,
		health:       cfg.Health,
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.maxBodyBytes <= 0 {
		s.maxBodyBytes = DefaultMaxBodyBytes
	}
	s.routeCommands()
	s.routeEvents()
	s.routeHealth(cfg.Gatherer)
	s.routeCategories()
	if s.admin != nil {
		s.routeAdmin()
	}
	return s, nil
}

// Handle registers h for a ServeMux pattern ("GET /api/v1/recalls/{id}")
// behind access: public routes skip authentication, the others need a bearer
// token of one of access's roles and are rate limited. This is the hook for
// the routes other packages add (queries, the web UI at "/", the Digital Link
// resolver at "/01/").
func (s *Server) Handle(pattern string, h http.Handler, access Access) {
	label := routeLabel(pattern, "")
	guarded := s.guard(access, h)
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt, ok := r.Context().Value(routeKey).(*matchedRoute); ok {
			rt.label = label
		}
		guarded.ServeHTTP(w, r)
	}))
}

// HandlerFunc is a handler that returns its error instead of writing it, so
// that every route answers errors in the one shape of the contract.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// HandleFunc is Handle for a HandlerFunc: a returned error is answered with
// the status and body WriteError chooses for it.
func (s *Server) HandleFunc(pattern string, fn HandlerFunc, access Access) {
	s.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.WriteError(w, r, err)
		}
	}), access)
}

// ObserveHead records that the log reaches position head (the log head
// gauge only moves forward). Call it at start with the store's head.
func (s *Server) ObserveHead(head uint64) { s.metrics.observeHead(head) }

// ServeHTTP routes the request and records its metrics and access log line.
// Requests no route matches get a JSON 404 or 405.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := newStatusWriter(w)
	start := time.Now()
	rt := &matchedRoute{label: "unmatched"}
	r = r.WithContext(context.WithValue(r.Context(), routeKey, rt))
	if h, pattern := s.mux.Handler(r); pattern == "" {
		s.unmatched(sw, r, h)
	} else {
		s.mux.ServeHTTP(sw, r)
	}
	s.observe(r, sw, rt.label, start)
}

// matchedRoute is where a registered route writes its label for the metrics
// and the access log, so only patterns registered here become labels. What
// the mux answers by itself (404, 405, a redirect to a cleaned path) is
// "unmatched", not counted against the route it would redirect to.
type matchedRoute struct{ label string }
