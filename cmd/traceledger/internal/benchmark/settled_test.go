package benchmark

import (
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

// The reads wait until serve has been idle for idlePolls polls in a row,
// and the wait counts to the start of that idle spell.
func TestReadsWaitUntilServeIsIdle(t *testing.T) {
	const poll = 20 * time.Millisecond
	calls := 0
	busyPolls := 4
	cpu := func() (time.Duration, error) {
		calls++
		if calls <= busyPolls+1 { // the first reading, then four busy polls
			return time.Duration(calls) * poll, nil
		}
		return time.Duration(busyPolls+1) * poll, nil
	}
	took, ok, err := idle(t.Context(), poll, cpu)
	if err != nil || !ok {
		t.Fatalf("idle: ok %v, err %v", ok, err)
	}
	if want := 1 + busyPolls + idlePolls; calls != want {
		t.Errorf("read the CPU time %d times, want %d (four busy polls, then %d idle ones)", calls, want, idlePolls)
	}
	if took < time.Duration(busyPolls)*poll {
		t.Errorf("idle after %v; it was busy for %v", took, time.Duration(busyPolls)*poll)
	}
}

// A CPU time that cannot be read is an error, not an idle server.
func TestAnUnreadableCPUTimeIsAnError(t *testing.T) {
	broken := errors.New("no such process")
	if _, ok, err := idle(t.Context(), time.Millisecond, func() (time.Duration, error) { return 0, broken }); !errors.Is(err, broken) || ok {
		t.Fatalf("idle with an unreadable CPU time: ok %v, err %v", ok, err)
	}
}

func TestCPUTimeIsReadFromProc(t *testing.T) {
	before, err := cpuTime(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	// Spin until the kernel's own account (getrusage) has charged 100 ms of
	// CPU, however busy the machine is, then read /proc: the two must agree
	// to within a few clock ticks.
	start := rusage(t)
	for deadline := time.Now().Add(time.Minute); rusage(t)-start < 100*time.Millisecond; {
		if time.Now().After(deadline) {
			t.Fatal("100 ms of CPU not charged within a minute")
		}
	}
	after, err := cpuTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	charged := rusage(t) - start
	if got := after - before; got < 80*time.Millisecond || got > charged+30*time.Millisecond {
		t.Errorf("/proc read %v of CPU time where getrusage charged %v", got, charged)
	}
}

// rusage is the CPU time the kernel charged this process (user and system).
func rusage(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
