package httpapi

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// ComponentRunning is the one status of a healthy background component;
// any other status ("restarting", "failed", "stopped") makes /healthz
// answer 503.
const ComponentRunning = "running"

// ComponentHealth is one background component of the server (the read
// models, the bus, a sink) as /healthz reports it.
type ComponentHealth struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	// Error is the component's last failure, kept after a restart so an
	// operator sees why it restarted.
	Error    string `json:"error,omitempty"`
	Restarts int    `json:"restarts,omitempty"`
}

// Health reports the server's background components. The process wiring
// implements it with its supervisor; without one, /healthz reports only
// the log.
type Health interface {
	Components() []ComponentHealth
}

type healthBody struct {
	Status     string            `json:"status"`
	Head       uint64            `json:"head"`
	Components []ComponentHealth `json:"components,omitempty"`
}

// routeHealth serves the public liveness and metrics endpoints.
func (s *Server) routeHealth(g prometheus.Gatherer) {
	s.Handle("GET /healthz", http.HandlerFunc(s.healthz), Public)
	s.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}), Public)
}

// healthz answers 200 with the log's head when the store answers and every
// background component runs, 503 otherwise: a process that cannot read its
// log, or whose read models or bus are down, is not alive for clients. The
// body names each component, with the error of a failing one.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	var components []ComponentHealth
	if s.health != nil {
		components = s.health.Components()
	}
	head, err := s.log.Head(r.Context())
	if err != nil {
		s.logger.ErrorContext(r.Context(), "healthz: read log head", "err", err)
		WriteJSON(w, http.StatusServiceUnavailable, healthBody{Status: "unavailable", Components: components})
		return
	}
	s.metrics.observeHead(head)
	for _, c := range components {
		if c.Status != ComponentRunning {
			WriteJSON(w, http.StatusServiceUnavailable, healthBody{Status: "unavailable", Head: head, Components: components})
			return
		}
	}
	WriteJSON(w, http.StatusOK, healthBody{Status: "ok", Head: head, Components: components})
}
