//go:build !linux

package chtest

import "syscall"

// sysProcAttr: no process group or parent-death signal outside Linux; the
// test's cleanup still stops the server.
func sysProcAttr() *syscall.SysProcAttr { return nil }
