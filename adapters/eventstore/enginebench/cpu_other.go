//go:build !unix

package enginebench

import "time"

// ProcessCPU is unknown here: CPU figures read zero.
func ProcessCPU() time.Duration { return 0 }
