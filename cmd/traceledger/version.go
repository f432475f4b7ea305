package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

// commit may be set the same way; otherwise the VCS revision the go tool
// stamped into the binary is used.
var commit = ""

// runVersion prints the version, the commit and the Go version.
func runVersion(_ context.Context, e env, _ []string) int {
	fmt.Fprintf(e.stdout, "traceledger %s (commit %s, %s)\n", version, buildCommit(), runtime.Version())
	return exitOK
}

// buildCommit is the commit the binary was built from, "-dirty" when the
// tree had changes, or "unknown" (go run, or -buildvcs=false).
func buildCommit() string {
	if commit != "" {
		return commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
