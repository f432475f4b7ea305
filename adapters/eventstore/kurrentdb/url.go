package kurrentdb

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// DefaultLog is the KurrentDB stream that holds the ledger.
const DefaultLog = "traceledger-log"

// logParam is the URL setting naming the log stream; it is ours, so it is
// taken out before the client sees the URL.
const logParam = "log"

// Target is a parsed --kurrentdb URL: the client's configuration and the log
// stream to use.
type Target struct {
	Config *esdb.Configuration
	Log    string
}

// ParseURL reads a --kurrentdb URL. The client v4.2.0 only accepts esdb:// and
// esdb+discover://, so the kurrentdb:// and kurrentdb+discover:// schemes
// (KurrentDB's own spelling) are mapped to them; every client setting (tls,
// tlsVerifyCert, nodePreference, user:password@, several hosts for a
// cluster) passes through. `log=NAME` chooses the log stream.
func ParseURL(raw string) (Target, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return Target{}, fmt.Errorf("kurrentdb URL %q: want kurrentdb://host:2113?tls=false", raw)
	}
	switch strings.ToLower(scheme) {
	case "kurrentdb", "kurrent", "esdb":
		scheme = "esdb"
	case "kurrentdb+discover", "kurrent+discover", "esdb+discover":
		scheme = "esdb+discover"
	default:
		return Target{}, fmt.Errorf("kurrentdb URL %q: scheme %q is not kurrentdb://, kurrentdb+discover:// or esdb://", raw, scheme)
	}
	log := DefaultLog
	if base, query, hasQuery := strings.Cut(rest, "?"); hasQuery {
		vals, err := url.ParseQuery(query)
		if err != nil {
			return Target{}, fmt.Errorf("kurrentdb URL %q: %w", raw, err)
		}
		for k, v := range vals {
			if strings.EqualFold(k, logParam) {
				log = v[len(v)-1]
				vals.Del(k)
			}
		}
		rest = base
		if enc := vals.Encode(); enc != "" {
			rest += "?" + enc
		}
	}
	if log == "" || strings.HasPrefix(log, "$") {
		return Target{}, fmt.Errorf("kurrentdb URL %q: log stream %q must be non-empty and not a system stream", raw, log)
	}
	cfg, err := esdb.ParseConnectionString(scheme + "://" + rest)
	if err != nil {
		return Target{}, fmt.Errorf("kurrentdb URL %q: %w", raw, err)
	}
	return Target{Config: cfg, Log: log}, nil
}
