package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
)

// maxBodyCeiling keeps --max-body sane: commands are a few KiB.
const maxBodyCeiling = 1 << 30

// Validate checks the whole configuration and returns every problem in one
// error, one per line, so a bad start is fixed in one round. It creates the
// data directory if it is missing, to prove it writable.
func (c Config) Validate() error {
	problems := slices.Clone(c.problems)
	add := func(name, format string, args ...any) {
		problems = append(problems, fmt.Errorf("%s: %s", c.from(name), fmt.Sprintf(format, args...)))
	}
	addrOK := true
	if err := checkAddr(c.Addr); err != nil {
		add("addr", "%q: %v", c.Addr, err)
		addrOK = false
	}
	switch c.EventStore {
	case storeSQLite:
	case storeKurrentDB:
		if c.KurrentDBURL == "" {
			add("eventstore", "kurrentdb needs a connection URL: set --kurrentdb or TRACELEDGER_KURRENTDB_URL")
		}
	default:
		add("eventstore", "%q: unknown event store (want sqlite or kurrentdb)", c.EventStore)
	}
	if c.KurrentDBURL != "" {
		if err := checkURL(c.KurrentDBURL, "kurrentdb", "kurrentdb+discover", "esdb", "esdb+discover"); err != nil {
			add("kurrentdb", "%v", err)
		}
	}
	if c.ClickHouseDSN != "" {
		if err := checkURL(c.ClickHouseDSN, "clickhouse", "tcp"); err != nil {
			add("clickhouse", "%v", err)
		}
	}
	switch c.ReadSide {
	case readSideEmbedded:
	case readSideClickHouse:
		if c.ClickHouseDSN == "" {
			add("read-side", "clickhouse needs a ClickHouse DSN: set --clickhouse or TRACELEDGER_CLICKHOUSE_DSN")
		}
	default:
		add("read-side", "%q: unknown read side (want embedded or clickhouse)", c.ReadSide)
	}
	if c.NATSURL != "" {
		// NATS takes a comma-separated list of servers.
		for _, u := range strings.Split(c.NATSURL, ",") {
			if err := checkURL(strings.TrimSpace(u), "nats", "tls", "ws", "wss"); err != nil {
				add("nats", "%v", err)
			}
		}
	}
	// A base URL derived from a bad address would only repeat its problem.
	if addrOK || c.source["base-url"] != "default" {
		if err := checkBaseURL(c.BaseURL); err != nil {
			add("base-url", "%v", err)
		}
	}
	if !c.unparsed["max-body"] && (c.MaxBody <= 0 || c.MaxBody > maxBodyCeiling) {
		add("max-body", "%d bytes: must be from 1 byte to 1GiB", c.MaxBody)
	}
	if !c.unparsed["rate-limit"] && c.RateLimit < 0 {
		add("rate-limit", "%v: must not be negative (0 disables limiting)", c.RateLimit)
	}
	if err := checkDataDir(c.Data); err != nil {
		add("data", "%v", err)
	}
	return errors.Join(problems...)
}

// checkAddr accepts HOST:PORT with a numeric port (HOST may be empty).
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("want HOST:PORT, e.g. 127.0.0.1:8080")
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || (n == 0 && port != "0") {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return nil
}

// checkURL accepts an absolute URL of one of schemes with a host.
func checkURL(raw string, schemes ...string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %v", raw, err)
	}
	if !slices.Contains(schemes, strings.ToLower(u.Scheme)) {
		return fmt.Errorf("%q: scheme must be one of %s", raw, strings.Join(schemes, ", "))
	}
	if u.Host == "" {
		return fmt.Errorf("%q: no host", raw)
	}
	return nil
}

// checkBaseURL accepts the public base of Digital Links: http(s), a host,
// no query or fragment (codes are built by appending /01/...).
func checkBaseURL(raw string) error {
	if err := checkURL(raw, "http", "https"); err != nil {
		return err
	}
	u, _ := url.Parse(raw)
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q: must not have a query or fragment", raw)
	}
	return nil
}

// checkDataDir creates dir if needed and proves it writable.
func checkDataDir(dir string) error {
	if dir == "" {
		return errors.New("must not be empty")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("%q cannot be created: %v", dir, err)
	}
	f, err := os.CreateTemp(dir, ".writable-*")
	if err != nil {
		return fmt.Errorf("%q is not writable: %v", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// defaultBaseURL is http://ADDR, naming localhost for an unspecified host.
func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	switch host {
	case "", "0.0.0.0", "::":
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
