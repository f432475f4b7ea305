package main

import "context"

// runVerify will check the whole log against its hash chain and signed head
// and exit non-zero naming the first bad position. Not yet implemented: it
// exits 2. Replace this file.
func runVerify(_ context.Context, e env, _ []string) int { return notYet(e, "verify") }
