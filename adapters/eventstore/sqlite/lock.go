//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// fileLock is an exclusive flock on a file beside the ledger. The kernel
// drops it when the process dies, so a crash never leaves a stale lock.
type fileLock struct{ f *os.File }

// lockLedger takes the exclusive lock on path+".lock" without waiting. It
// writes the holder's pid into the file so the refusal can name it.
func lockLedger(path string) (*fileLock, error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(name)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: ledger %s is in use by another process (pid %s)", ErrInUse, path, pidOrUnknown(holder))
		}
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &fileLock{f: f}, nil
}

func pidOrUnknown(b []byte) string {
	if s := strings.TrimSpace(string(b)); s != "" {
		return s
	}
	return "unknown"
}

// unlock releases the lock. The file stays: removing it would let two
// processes lock two different files of the same name.
func (l *fileLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
