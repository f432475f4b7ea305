package main

import (
	"io"
	"log/slog"
)

// newLogger is the process's logger: text lines on w at the configured
// level. Components get it passed in; none uses slog's default.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
