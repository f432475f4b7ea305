package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Config is everything the binary can be told, from flags with environment
// fallbacks (CONTRACT.md): a flag given on the command line wins, then a
// non-empty environment variable, then the default. Values that do not parse
// are kept as problems for Validate, so that one run reports them all.
type Config struct {
	Data          string
	Addr          string
	EventStore    string
	KurrentDBURL  string
	ClickHouseDSN string
	// ReadSide is where histories, traces and recall lists are answered
	// from: readSideEmbedded (the in-memory models) or readSideClickHouse
	// (the sink's index, once it holds the log).
	ReadSide string
	NATSURL  string
	// BaseURL is the public base of Digital Link codes; it defaults to
	// http://ADDR (with localhost for an unspecified host).
	BaseURL string
	// MaxBody bounds HTTP request bodies, in bytes.
	MaxBody  int64
	LogLevel slog.Level
	// RateLimit is the sustained requests per second each bearer token may
	// send (bursts of twice that); 0 disables limiting.
	RateLimit float64
	// SnapshotEvery is how often serve saves changed read models.
	SnapshotEvery time.Duration
	// ModelCache is the block cache of the read models kept on disk, in
	// bytes: with it, it bounds their memory whatever the ledger's size.
	ModelCache int64
	// LedgerKey is the file of the Ed25519 note signer key that signs the
	// ledger's checkpoints; "" is <data>/ledger.key, created at first start.
	LedgerKey string
	// SecretsKeyFile is the AES-256 key that seals webhook secrets into the
	// log; "" is <data>/secrets.key, created at first use. Replicas share one.
	SecretsKeyFile string

	// source names where each setting came from ("--addr",
	// "TRACELEDGER_ADDR" or "default"), for messages.
	source map[string]string
	// problems are values that did not parse; unparsed names their settings.
	problems []error
	unparsed map[string]bool
}

// The event stores serve can use.
const (
	storeSQLite    = "sqlite"
	storeKurrentDB = "kurrentdb"
)

// setting is one configuration value: its flag, its environment variable,
// its default and how it lands in a Config.
type setting struct {
	flag, env, def, usage string
	apply                 func(c *Config, v string) error
}

var settings = []setting{
	{"data", "TRACELEDGER_DATA", "./data", "data directory (the embedded store, the access log, keys)",
		func(c *Config, v string) error { c.Data = v; return nil }},
	{"addr", "TRACELEDGER_ADDR", "127.0.0.1:8080", "HTTP listen address HOST:PORT",
		func(c *Config, v string) error { c.Addr = v; return nil }},
	{"eventstore", "TRACELEDGER_EVENTSTORE", storeSQLite, "event store: sqlite or kurrentdb",
		func(c *Config, v string) error { c.EventStore = v; return nil }},
	{"kurrentdb", "TRACELEDGER_KURRENTDB_URL", "", "KurrentDB connection URL, e.g. kurrentdb://localhost:2113?tls=false",
		func(c *Config, v string) error { c.KurrentDBURL = v; return nil }},
	{"clickhouse", "TRACELEDGER_CLICKHOUSE_DSN", "", "ClickHouse DSN for analytics (default: the embedded read models)",
		func(c *Config, v string) error { c.ClickHouseDSN = v; return nil }},
	{"read-side", "TRACELEDGER_READ_SIDE", readSideEmbedded, "where histories, traces and recall lists are answered from: embedded, or clickhouse (needs --clickhouse; the embedded models answer until the sink holds the log)",
		func(c *Config, v string) error { c.ReadSide = v; return nil }},
	{"nats", "TRACELEDGER_NATS_URL", "", "NATS URL for the event bus (default: in-process)",
		func(c *Config, v string) error { c.NATSURL = v; return nil }},
	{"base-url", "TRACELEDGER_BASE_URL", "", "public base URL of Digital Link codes (default http://ADDR)",
		func(c *Config, v string) error { c.BaseURL = v; return nil }},
	{"max-body", "TRACELEDGER_MAX_BODY", "1MiB", "largest HTTP request body, e.g. 1MiB, 512KiB, 1048576",
		func(c *Config, v string) (err error) { c.MaxBody, err = parseSize(v); return err }},
	{"log-level", "TRACELEDGER_LOG_LEVEL", "info", "log level: debug, info, warn or error",
		func(c *Config, v string) error {
			if c.LogLevel.UnmarshalText([]byte(v)) != nil {
				return fmt.Errorf("want debug, info, warn or error")
			}
			return nil
		}},
	{"rate-limit", "TRACELEDGER_RATE_LIMIT", "200", "requests per second per bearer token (0: unlimited)",
		func(c *Config, v string) (err error) {
			c.RateLimit, err = strconv.ParseFloat(v, 64)
			if err != nil {
				return fmt.Errorf("not a number")
			}
			return nil
		}},
	{"ledger-key", "TRACELEDGER_LEDGER_KEY", "", "file of the note signer key that signs checkpoints (default DATA/ledger.key, created at first start)",
		func(c *Config, v string) error { c.LedgerKey = v; return nil }},
	{"secrets-key-file", "TRACELEDGER_SECRETS_KEY_FILE", "", "file of the key that seals webhook secrets in the log (default DATA/secrets.key, created at first start; replicas share one)",
		func(c *Config, v string) error { c.SecretsKeyFile = v; return nil }},
	{"model-cache", "TRACELEDGER_MODEL_CACHE", "256MiB", "block cache of the read models kept on disk (the large ones: histories, traces, the EPCIS view), e.g. 256MiB",
		func(c *Config, v string) (err error) {
			if c.ModelCache, err = parseSize(v); err == nil && c.ModelCache < 1<<20 {
				err = fmt.Errorf("want at least 1MiB")
			}
			return err
		}},
	{"snapshot-every", "TRACELEDGER_SNAPSHOT_EVERY", "30s", "how often serve saves changed read models (they are also saved at shutdown)",
		func(c *Config, v string) (err error) {
			c.SnapshotEvery, err = time.ParseDuration(v)
			if err != nil || c.SnapshotEvery <= 0 {
				return fmt.Errorf("want a positive duration such as 30s")
			}
			return nil
		}},
}

// configFlags are the settings registered on one subcommand's flag set.
type configFlags struct {
	fs  *flag.FlagSet
	raw map[string]*string
}

// registerConfigFlags adds every setting to fs as a string flag: values are
// parsed after the environment is consulted, not by the flag package.
func registerConfigFlags(fs *flag.FlagSet) *configFlags {
	cf := &configFlags{fs: fs, raw: make(map[string]*string, len(settings))}
	for _, s := range settings {
		usage := s.usage + " (env " + s.env + ")"
		cf.raw[s.flag] = fs.String(s.flag, s.def, usage)
	}
	return cf
}

// config resolves every setting, after fs.Parse: flag, then environment,
// then default.
func (cf *configFlags) config(getenv func(string) string) Config {
	given := map[string]bool{}
	cf.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	c := Config{source: make(map[string]string, len(settings)), unparsed: map[string]bool{}}
	for _, s := range settings {
		v, src := s.def, "default"
		switch {
		case given[s.flag]:
			v, src = *cf.raw[s.flag], "--"+s.flag
		case getenv(s.env) != "":
			v, src = getenv(s.env), s.env
		}
		v = strings.TrimSpace(v)
		c.source[s.flag] = src
		if err := s.apply(&c, v); err != nil {
			c.problems = append(c.problems, fmt.Errorf("%s: %q: %v", src, v, err))
			c.unparsed[s.flag] = true
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = defaultBaseURL(c.Addr)
	}
	return c
}

// from names where setting name came from, for a message.
func (c Config) from(name string) string {
	if src, ok := c.source[name]; ok && src != "default" {
		return src
	}
	return "--" + name
}
