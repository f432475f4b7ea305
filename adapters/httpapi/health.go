package httpapi

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type healthBody struct {
	Status string `json:"status"`
	Head   uint64 `json:"head"`
}

// routeHealth serves the public liveness and metrics endpoints.
func (s *Server) routeHealth(g prometheus.Gatherer) {
	s.Handle("GET /healthz", http.HandlerFunc(s.healthz), Public)
	s.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}), Public)
}

// healthz answers 200 with the log's head when the store answers, 503
// otherwise: a process that cannot read its log is not alive for clients.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	head, err := s.log.Head(r.Context())
	if err != nil {
		s.logger.ErrorContext(r.Context(), "healthz: read log head", "err", err)
		WriteJSON(w, http.StatusServiceUnavailable, healthBody{Status: "unavailable"})
		return
	}
	s.metrics.observeHead(head)
	WriteJSON(w, http.StatusOK, healthBody{Status: "ok", Head: head})
}
