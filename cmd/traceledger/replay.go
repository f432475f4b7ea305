package main

import "context"

// runReplay will rebuild read models from the event log: traceledger replay
// [--projection NAME]. Not yet implemented: it exits 2. Replace this file.
func runReplay(_ context.Context, e env, _ []string) int { return notYet(e, "replay") }
