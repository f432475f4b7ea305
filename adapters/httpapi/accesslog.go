package httpapi

import (
	"log/slog"
	"net/http"
	"time"
)

// statusWriter remembers the status and size of an answer for the metrics
// and the access log. Unwrap lets http.ResponseController reach the
// underlying writer (flushing, deadlines) through it.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func newStatusWriter(w http.ResponseWriter) *statusWriter { return &statusWriter{ResponseWriter: w} }

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap returns the wrapped writer for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe records one answered request: its metrics and one access log line.
// The line names the route pattern, not the path, and never a header: no
// token can reach the log.
func (s *Server) observe(r *http.Request, w *statusWriter, route string, start time.Time) {
	elapsed := time.Since(start)
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	s.metrics.request(r.Method, route, status, elapsed)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelWarn
	}
	s.logger.LogAttrs(r.Context(), level, "http",
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Duration("duration", elapsed),
		slog.Int64("bytes", w.bytes),
	)
}
