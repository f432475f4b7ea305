package chtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// process is one run of the server.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // the exit status, once done is closed
}

// spawn starts the server with its output in logPath. The server gets its
// own process group so that a ^C at the terminal reaches the test binary,
// which then stops it, and dies with the test binary (Pdeathsig) if that is
// killed without running its cleanups.
func spawn(bin []string, config, logPath string) (*process, error) {
	out, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open server output: %w", err)
	}
	args := append(append([]string{}, bin[1:]...), "--config-file="+config)
	cmd := exec.Command(bin[0], args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		out.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM (or SIGKILL when kill is set) and waits; a server
// still running after grace is killed.
func (p *process) stop(kill bool, grace time.Duration) error {
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("signal %v: %w", sig, err)
	}
	select {
	case <-p.done:
		return nil
	case <-time.After(grace):
	}
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("kill after %s: %w", grace, err)
	}
	<-p.done
	return nil
}
