package main

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// load resolves a Config as a subcommand would, from args and env.
func load(t *testing.T, args []string, env map[string]string) Config {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cf := registerConfigFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return cf.config(func(k string) string { return env[k] })
}

func TestConfigDefaults(t *testing.T) {
	c := load(t, nil, nil)
	want := Config{
		Data: "./data", Addr: "127.0.0.1:8080", EventStore: "sqlite", BaseURL: "http://127.0.0.1:8080",
		MaxBody: 1 << 20, LogLevel: slog.LevelInfo, RateLimit: 200,
	}
	c.source, c.unparsed = nil, nil
	if c.Data != want.Data || c.Addr != want.Addr || c.EventStore != want.EventStore || c.BaseURL != want.BaseURL ||
		c.MaxBody != want.MaxBody || c.LogLevel != want.LogLevel || c.RateLimit != want.RateLimit ||
		c.KurrentDBURL != "" || c.ClickHouseDSN != "" || c.NATSURL != "" || len(c.problems) != 0 {
		t.Errorf("defaults = %+v, want %+v", c, want)
	}
}

// Every setting: a flag beats the environment, which beats the default.
func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		flag, env     string
		envVal, flagV string
		get           func(Config) string
	}{
		{"data", "TRACELEDGER_DATA", "/env/data", "/flag/data", func(c Config) string { return c.Data }},
		{"addr", "TRACELEDGER_ADDR", "10.0.0.1:80", "10.0.0.2:81", func(c Config) string { return c.Addr }},
		{"eventstore", "TRACELEDGER_EVENTSTORE", "kurrentdb", "sqlite", func(c Config) string { return c.EventStore }},
		{"kurrentdb", "TRACELEDGER_KURRENTDB_URL", "kurrentdb://env:2113", "kurrentdb://flag:2113", func(c Config) string { return c.KurrentDBURL }},
		{"clickhouse", "TRACELEDGER_CLICKHOUSE_DSN", "clickhouse://env:9000", "clickhouse://flag:9000", func(c Config) string { return c.ClickHouseDSN }},
		{"nats", "TRACELEDGER_NATS_URL", "nats://env:4222", "nats://flag:4222", func(c Config) string { return c.NATSURL }},
		{"read-side", "TRACELEDGER_READ_SIDE", "clickhouse", "embedded", func(c Config) string { return c.ReadSide }},
		{"base-url", "TRACELEDGER_BASE_URL", "https://env.example", "https://flag.example", func(c Config) string { return c.BaseURL }},
		{"max-body", "TRACELEDGER_MAX_BODY", "2MiB", "3MiB", func(c Config) string { return map[int64]string{2 << 20: "2MiB", 3 << 20: "3MiB"}[c.MaxBody] }},
		{"log-level", "TRACELEDGER_LOG_LEVEL", "debug", "error", func(c Config) string { return strings.ToLower(c.LogLevel.String()) }},
		{"rate-limit", "TRACELEDGER_RATE_LIMIT", "5", "7", func(c Config) string { return map[float64]string{5: "5", 7: "7"}[c.RateLimit] }},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			env := map[string]string{tt.env: tt.envVal}
			if got := tt.get(load(t, nil, env)); got != tt.envVal {
				t.Errorf("env only: got %q, want %q", got, tt.envVal)
			}
			if got := tt.get(load(t, []string{"--" + tt.flag, tt.flagV}, env)); got != tt.flagV {
				t.Errorf("flag and env: got %q, want the flag's %q", got, tt.flagV)
			}
			if got := tt.get(load(t, []string{"--" + tt.flag + "=" + tt.flagV}, nil)); got != tt.flagV {
				t.Errorf("flag only: got %q, want %q", got, tt.flagV)
			}
		})
	}
	// A flag given empty still beats the environment.
	c := load(t, []string{"--nats="}, map[string]string{"TRACELEDGER_NATS_URL": "nats://env:4222"})
	if c.NATSURL != "" {
		t.Errorf("--nats= with env set: got %q, want empty", c.NATSURL)
	}
}

func TestBaseURLFollowsAddr(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:9000": "http://127.0.0.1:9000",
		":9000":          "http://localhost:9000",
		"0.0.0.0:80":     "http://localhost:80",
		"[::1]:8080":     "http://[::1]:8080",
	} {
		if got := load(t, nil, map[string]string{"TRACELEDGER_ADDR": addr}).BaseURL; got != want {
			t.Errorf("addr %s: base URL %q, want %q", addr, got, want)
		}
	}
}

func TestValidateAcceptsGoodConfigs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "data")
	for name, args := range map[string][]string{
		"defaults": {"--data", dir},
		"everything": {"--data", dir, "--addr", ":0", "--eventstore", "kurrentdb",
			"--kurrentdb", "kurrentdb://localhost:2113?tls=false", "--clickhouse", "clickhouse://u:p@localhost:9000/traceledger",
			"--nats", "nats://a:4222, nats://b:4222", "--base-url", "https://id.example.cn/", "--max-body", "512KiB",
			"--log-level", "DEBUG", "--rate-limit", "0"},
	} {
		if err := load(t, args, nil).Validate(); err != nil {
			t.Errorf("%s: Validate = %v", name, err)
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("Validate did not create the data directory: %v", err)
	}
}

// One run names every problem, one per line.
func TestValidateListsEveryProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{
		"--data", filepath.Join(file, "data"),
		"--addr", "localhost",
		"--eventstore", "kurrentdb",
		"--clickhouse", "mysql://db:3306",
		"--nats", "nats://ok:4222,://bad",
		"--base-url", "ftp://x",
		"--max-body", "lots",
		"--log-level", "loud",
	}
	env := map[string]string{"TRACELEDGER_RATE_LIMIT": "-1"}
	err := load(t, args, env).Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad configuration")
	}
	wantLines := []string{
		"--data:", "--addr:", "--eventstore: kurrentdb needs", "--clickhouse:", "--nats:", "--base-url:",
		"--max-body:", "--log-level:", "TRACELEDGER_RATE_LIMIT:",
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(wantLines) {
		t.Errorf("%d problems, want %d:\n%v", len(lines), len(wantLines), err)
	}
	for _, want := range wantLines {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no problem starting %q in:\n%v", want, err)
		}
	}

	err = load(t, []string{"--data", t.TempDir(), "--eventstore", "postgres", "--kurrentdb", "http://x"}, nil).Validate()
	if err == nil || !strings.Contains(err.Error(), `"postgres": unknown event store`) || !strings.Contains(err.Error(), "--kurrentdb:") {
		t.Errorf("Validate = %v, want the unknown store and the bad KurrentDB URL", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"1048576": 1 << 20, "1MiB": 1 << 20, "1mib": 1 << 20, "512KiB": 512 << 10, "2 MB": 2e6, "1G": 1 << 30, "10b": 10,
	} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5MiB", "ten", "99999999999GiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}
