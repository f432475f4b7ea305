package main

import "context"

// runDemo will append the deterministic demo data set through the command
// handlers: traceledger demo [--items N] [--seed S]. Not yet implemented:
// it exits 2. Replace this file.
func runDemo(_ context.Context, e env, _ []string) int { return notYet(e, "demo") }
