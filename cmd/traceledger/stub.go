package main

import "fmt"

// notYet is the answer of a subcommand this build does not have yet.
func notYet(e env, name string) int {
	fmt.Fprintf(e.stderr, "traceledger %s: not yet implemented\n", name)
	return exitUsage
}
