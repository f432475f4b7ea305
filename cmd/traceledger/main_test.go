package main

import (
	"bytes"
	"strings"
	"testing"
)

// runArgs runs the binary's dispatcher with a captured stdout and stderr.
func runArgs(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), testEnv(&out, &errb, env), args)
	return code, out.String(), errb.String()
}

func testEnv(out, errb *bytes.Buffer, vars map[string]string) env {
	return env{stdout: out, stderr: errb, getenv: func(k string) string { return vars[k] }}
}

func TestDispatch(t *testing.T) {
	if code, _, stderr := runArgs(t, nil); code != exitUsage || !strings.Contains(stderr, "usage:") {
		t.Errorf("no command: %d %q", code, stderr)
	}
	if code, _, stderr := runArgs(t, nil, "fly"); code != exitUsage || !strings.Contains(stderr, `unknown command "fly"`) {
		t.Errorf("unknown command: %d %q", code, stderr)
	}
	if code, stdout, _ := runArgs(t, nil, "version"); code != exitOK || !strings.HasPrefix(stdout, "traceledger dev (commit ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

func TestServeRefusesBadConfigAtOnce(t *testing.T) {
	env := map[string]string{"TRACELEDGER_ADDR": "nope", "TRACELEDGER_MAX_BODY": "huge"}
	code, _, stderr := runArgs(t, env, "serve", "--data", t.TempDir(), "--eventstore", "oracle")
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"TRACELEDGER_ADDR:", "TRACELEDGER_MAX_BODY:", "--eventstore:"} {
		if !strings.Contains(stderr, "\n  "+want) {
			t.Errorf("stderr lacks a line for %s:\n%s", want, stderr)
		}
	}
	// An unreachable NATS server is refused at start, naming the bus.
	code, _, stderr = runArgs(t, nil, "serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--nats", "nats://127.0.0.1:1")
	if code != exitFailure || !strings.Contains(stderr, "open bus") {
		t.Errorf("--nats: exit %d, %q", code, stderr)
	}
}

func TestTokenCommands(t *testing.T) {
	data := t.TempDir()
	code, token, stderr := runArgs(t, nil, "token", "create", "--role", "enterprise", "--enterprise", "91350100M000100Y43", "--data", data)
	if code != exitOK || !strings.HasPrefix(token, "tl_") {
		t.Fatalf("create: %d %q %q", code, token, stderr)
	}
	if code, _, stderr := runArgs(t, nil, "token", "create", "--role", "enterprise", "--data", data); code != exitUsage || !strings.Contains(stderr, "uscc") {
		t.Errorf("enterprise without USCC: %d %q", code, stderr)
	}
	if code, _, stderr := runArgs(t, nil, "token", "create", "--role", "god", "--data", data); code != exitUsage || !strings.Contains(stderr, "--role") {
		t.Errorf("bad role: %d %q", code, stderr)
	}
	code, list, _ := runArgs(t, map[string]string{"TRACELEDGER_DATA": data}, "token", "list")
	if code != exitOK || !strings.Contains(list, "91350100M000100Y43") || strings.Contains(list, strings.TrimSpace(token)) {
		t.Errorf("list: %d %q", code, list)
	}
	id := strings.Fields(strings.Split(list, "\n")[1])[0]
	if code, _, stderr := runArgs(t, nil, "token", "revoke", "--data", data, id); code != exitOK {
		t.Errorf("revoke: %d %q", code, stderr)
	}
	if _, list, _ := runArgs(t, nil, "token", "list", "--data", data); !strings.Contains(list, "revoked") {
		t.Errorf("after revoke: %q", list)
	}
}
