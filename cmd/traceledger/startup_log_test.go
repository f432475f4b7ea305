package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStartupLogsAFewLinesWhateverTheLogSize: serving a ledger of
// thousands of events writes a handful of lines at INFO while it starts
// and forwards the whole log to the bus, not one line per event.
func TestStartupLogsAFewLinesWhateverTheLogSize(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "300", "--workers", "4"); code != exitOK {
		t.Fatalf("demo: %s", stderr)
	}
	var out lockedBuffer
	cfg := load(t, []string{"--data", data, "--addr", "127.0.0.1:0"}, nil)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{Config: cfg, Logger: slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo})),
			Ready: func(a string) { ready <- a }})
	}()
	var l *ledger
	select {
	case a := <-ready:
		l = &ledger{t: t, base: "http://" + a, data: data}
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	head := l.head()
	time.Sleep(2 * time.Second) // the bus forwards the whole log meanwhile
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	lines := strings.Count(out.String(), "\n")
	if lines > 30 {
		t.Errorf("serving %v events wrote %d log lines:\n%s", head, lines, out.String())
	}
	t.Logf("%v events, %d log lines from start to shutdown", head, lines)
}
