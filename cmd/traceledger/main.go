// Command traceledger is the ledger's one binary: the HTTP server and the
// tools around it (tokens, demo data, replay, verification). See CONTRACT.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Exit codes: 2 is a usage or configuration error, fixed by the caller; 1 a
// failure at run time.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what a subcommand may touch of the process, passed in so tests
// can run subcommands without a real process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

// subcommand is one verb of the binary.
type subcommand struct {
	summary string
	run     func(ctx context.Context, e env, args []string) int
}

// subcommands lists the verbs; each lives in its own file.
var subcommands = map[string]subcommand{
	"serve":   {"run the HTTP API", runServe},
	"token":   {"create, list or revoke bearer tokens", runToken},
	"version": {"print the version", runVersion},
	"demo":    {"append a deterministic demo data set", runDemo},
	"bench":   {"measure append and command throughput", runBench},
	"replay":  {"rebuild read models from the event log", runReplay},
	"trace":   {"print a batch's downstream or upstream trace from the log", runTrace},
	"migrate": {"copy the embedded log into KurrentDB and verify it", runMigrate},
	"verify":  {"check the log, its Merkle tree and signed checkpoints, or a bundle", runVerify},
	"export":  {"write one item's history as a bundle that verifies offline", runExport},

	"generate": {"write a large synthetic ledger through the bulk path", runGenerate},
}

func main() {
	// The first SIGINT or SIGTERM cancels ctx and starts an orderly
	// shutdown; once it has, a second one kills the process.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	tuneCollector(os.Getenv)
	code := run(ctx, env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to the subcommand named by args[0].
func run(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(e.stdout)
		return exitOK
	}
	sc, ok := subcommands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "traceledger: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return sc.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: traceledger COMMAND [flags]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(subcommands))
	for name := range subcommands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, subcommands[name].summary)
	}
	fmt.Fprintln(w, "\nRun traceledger COMMAND -h for its flags.")
}
