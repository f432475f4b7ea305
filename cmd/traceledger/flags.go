package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a flag set for a subcommand that reports errors
// instead of exiting, so run decides the exit code.
func newFlagSet(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("traceledger "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseConfig parses a subcommand's flags with the configuration settings
// and validates the result. On failure it has already printed why, and
// returns the exit code to use: 0 after -h, 2 otherwise.
func parseConfig(fs *flag.FlagSet, e env, args []string) (Config, int, bool) {
	cf := registerConfigFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return Config{}, exitOK, false
		}
		return Config{}, exitUsage, false
	}
	cfg := cf.config(e.getenv)
	if err := cfg.Validate(); err != nil {
		printProblems(e.stderr, fs.Name(), err)
		return Config{}, exitUsage, false
	}
	return cfg, exitOK, true
}

// printProblems prints a joined error one problem per line.
func printProblems(w io.Writer, cmd string, err error) {
	fmt.Fprintf(w, "%s: invalid configuration:\n", cmd)
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, p := range joined.Unwrap() {
			fmt.Fprintf(w, "  %v\n", p)
		}
		return
	}
	fmt.Fprintf(w, "  %v\n", err)
}
