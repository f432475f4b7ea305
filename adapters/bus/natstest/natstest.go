// Package natstest runs a real NATS server with JetStream inside the test
// process, on 127.0.0.1, so the bus is tested against the broker it runs on
// in production and an outage is a real server going away.
package natstest

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an in-process NATS server that can be stopped and started
// again on the same port and store directory.
type Server struct {
	t    testing.TB
	dir  string
	port int
	s    *server.Server
}

// Start runs a JetStream server on a random port with its store in a
// temporary directory; it is shut down when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	srv := &Server{t: t, dir: t.TempDir(), port: -1}
	srv.Restart()
	t.Cleanup(srv.Stop)
	return srv
}

// URL is the server's client URL; it stays the same across restarts.
func (s *Server) URL() string { return "nats://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// Stop shuts the server down (an outage); a second Stop is harmless.
func (s *Server) Stop() {
	if s.s == nil {
		return
	}
	s.s.Shutdown()
	s.s.WaitForShutdown()
	s.s = nil
}

// Restart starts the server again, same port, same JetStream store.
func (s *Server) Restart() {
	s.t.Helper()
	opts := &server.Options{Host: "127.0.0.1", Port: s.port, JetStream: true, StoreDir: s.dir, NoLog: true, NoSigs: true}
	ns, err := server.NewServer(opts)
	if err != nil {
		s.t.Fatalf("nats server: %v", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		s.t.Fatal("nats server did not start within 10s")
	}
	s.s = ns
	s.port = ns.Addr().(*net.TCPAddr).Port
}
