// Package chtest starts a private clickhouse-server for a test: its own
// configuration, data directory and free loopback ports in the test's temp
// directory, stopped when the test ends. Tests of any package that needs a
// real ClickHouse call Start; a machine without the server skips them
// (naming the install line) unless REQUIRE_CLICKHOUSE=1, as CI sets, turns
// the skip into a failure.
package chtest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Install is how to get the server on Debian and Ubuntu.
const Install = "apt-get install -y clickhouse-server"

// Database is the database the DSN names. Start does not create it: the
// sink's Open does, as it must in production.
const Database = "traceledger_test"

// startTimeout bounds the wait for a server to answer: 18.16 is up in well
// under a second on an idle machine, a loaded CI machine takes longer.
const startTimeout = 60 * time.Second

// Server is one private clickhouse-server. Its ports stay the same across
// Stop and Restart, so a client's DSN keeps working once it is back.
type Server struct {
	// Addr is the native protocol address (host:port).
	Addr string
	// HTTPAddr is the HTTP interface address (host:port).
	HTTPAddr string
	// DSN is clickhouse://Addr/Database.
	DSN string

	t      testing.TB
	bin    []string
	dir    string
	config string
	proc   *process
}

// Start starts a server for t and stops it when t ends. It skips t when no
// server binary is on PATH, unless REQUIRE_CLICKHOUSE=1.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := binary()
	if err != nil {
		if os.Getenv("REQUIRE_CLICKHOUSE") == "1" {
			t.Fatalf("REQUIRE_CLICKHOUSE=1 but %v (install: %s)", err, Install)
		}
		t.Skipf("%v: install it with `%s` (REQUIRE_CLICKHOUSE=1 makes this a failure)", err, Install)
	}
	dir := t.TempDir()
	tcp, err := freePort()
	if err != nil {
		t.Fatalf("chtest: %v", err)
	}
	httpPort, err := freePort()
	if err != nil {
		t.Fatalf("chtest: %v", err)
	}
	s := &Server{
		Addr:     fmt.Sprintf("127.0.0.1:%d", tcp),
		HTTPAddr: fmt.Sprintf("127.0.0.1:%d", httpPort),
		t:        t,
		bin:      bin,
		dir:      dir,
		config:   filepath.Join(dir, "config.xml"),
	}
	s.DSN = "clickhouse://" + s.Addr + "/" + Database
	if err := writeConfig(dir, tcp, httpPort); err != nil {
		t.Fatalf("chtest: %v", err)
	}
	// The data goes with the temp directory: no need for a graceful stop.
	t.Cleanup(s.Kill)
	s.start()
	return s
}

// binary finds the server: clickhouse-server, or the single clickhouse
// binary of newer packages run as `clickhouse server`. /usr/sbin is searched
// too because a non-root PATH often lacks it.
func binary() ([]string, error) {
	for _, name := range []string{"clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"} {
		if p, err := exec.LookPath(name); err == nil {
			return []string{p}, nil
		}
	}
	if p, err := exec.LookPath("clickhouse"); err == nil {
		return []string{p, "server"}, nil
	}
	return nil, fmt.Errorf("clickhouse-server not found on PATH")
}

// freePort asks the kernel for a free loopback port. Another process could
// take it before the server binds it; Start then fails with the server's
// log rather than hanging.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start runs the server and waits until its HTTP interface answers /ping,
// which it does once the native port listens too.
func (s *Server) start() {
	s.t.Helper()
	p, err := spawn(s.bin, s.config, filepath.Join(s.dir, "stdout.log"))
	if err != nil {
		s.t.Fatalf("chtest: start %s: %v", strings.Join(s.bin, " "), err)
	}
	s.proc = p
	began := time.Now()
	deadline := began.Add(startTimeout)
	client := &http.Client{Timeout: time.Second}
	for {
		if resp, err := client.Get("http://" + s.HTTPAddr + "/ping"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && s.nativeUp() {
				s.t.Logf("chtest: clickhouse-server up on %s (http %s) in %s", s.Addr, s.HTTPAddr, time.Since(began).Round(time.Millisecond))
				return
			}
		}
		if p.exited() {
			s.proc = nil
			s.t.Fatalf("chtest: clickhouse-server exited at start: %v\n%s", p.err, s.logTail())
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("chtest: clickhouse-server did not answer within %s\n%s", startTimeout, s.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) nativeUp() bool {
	c, err := net.DialTimeout("tcp", s.Addr, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// Stop shuts the server down gracefully (SIGTERM; SIGKILL after 30 s) and
// waits for it to exit. Stopping a stopped server does nothing.
func (s *Server) Stop() { s.halt(false) }

// Kill ends the server at once with SIGKILL, as a crash or a power cut
// would: inserts in flight are cut off wherever they are.
func (s *Server) Kill() { s.halt(true) }

func (s *Server) halt(kill bool) {
	if s.proc == nil {
		return
	}
	began := time.Now()
	if err := s.proc.stop(kill, 30*time.Second); err != nil {
		s.t.Errorf("chtest: stop clickhouse-server: %v", err)
	}
	s.t.Logf("chtest: clickhouse-server on %s stopped in %s", s.Addr, time.Since(began).Round(time.Millisecond))
	s.proc = nil
}

// Restart starts a stopped (or killed) server again on the same ports and
// data directory, and waits until it answers. A running server is stopped
// first.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}

// logTail is the end of the server's logs, for a failure message.
func (s *Server) logTail() string {
	var b strings.Builder
	for _, name := range []string{"stdout.log", "server.err.log"} {
		data, _ := os.ReadFile(filepath.Join(s.dir, name))
		if len(data) > 4000 {
			data = data[len(data)-4000:]
		}
		fmt.Fprintf(&b, "--- %s\n%s", name, data)
	}
	return b.String()
}
