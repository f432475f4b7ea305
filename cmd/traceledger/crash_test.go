package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/runner"
)

// TestMain lets a test start this binary as a real traceledger process: with
// TRACELEDGER_TEST_MAIN=1 the test binary is the traceledger command.
func TestMain(m *testing.M) {
	if os.Getenv("TRACELEDGER_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// process is a traceledger serve running as a child process.
type process struct {
	cmd  *exec.Cmd
	base string
	log  *bytes.Buffer
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startProcess(t *testing.T, data string) *process {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "serve", "--data", data, "--addr", addr, "--snapshot-every", "20ms", "--rate-limit", "0")
	cmd.Env = append(os.Environ(), "TRACELEDGER_TEST_MAIN=1")
	p := &process{cmd: cmd, base: "http://" + addr, log: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(p.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not come up: %s", p.log)
	return nil
}

func (p *process) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	_ = p.cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not stop on %v: %s", sig, p.log)
	}
}

// waitCaughtUp waits until every read model has applied the whole log, as
// its lag metric says.
func (p *process) waitCaughtUp(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(p.base + "/metrics")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			lagging, seen := false, false
			for _, line := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(line, "traceledger_projection_lag_events{") {
					seen = true
					lagging = lagging || !strings.HasSuffix(line, " 0")
				}
			}
			if seen && !lagging {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("read models did not catch up: %s", p.log)
}

// ingest registers enterprises through the API from several clients until
// stop is closed; it returns how many were acknowledged.
func ingest(p *process, token string, stop <-chan struct{}, prefix string) int {
	var mu sync.Mutex
	acked := 0
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				u, err := ident.NewUSCC(fmt.Sprintf("%s%d%06d", prefix, w, i))
				if err != nil {
					return
				}
				body := fmt.Sprintf(`{"uscc":"%s","name":"压测企业%d-%d","region":"上海","roles":["retailer"]}`, u, w, i)
				req, _ := http.NewRequest("POST", p.base+"/api/v1/enterprises", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return acked
}

// A server killed with SIGKILL in the middle of an ingest, while its read
// models catch up, comes back with read models equal to a full replay, and
// with every acknowledged event in the log.
func TestKilledMidIngestRecoversReadModels(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	data := t.TempDir()
	if code, _, stderr := runArgs(t, nil, "demo", "--data", data, "--items", "2000", "--workers", "8"); code != exitOK {
		t.Fatalf("demo: %s", stderr)
	}
	l := &ledger{t: t, data: data}
	token := l.token(access.RoleRegulator, "")

	p := startProcess(t, data)
	stop := make(chan struct{})
	acked := make(chan int, 1)
	go func() { acked <- ingest(p, token, stop, "91310000LD") }()
	time.Sleep(400 * time.Millisecond)
	p.stop(t, syscall.SIGKILL)
	close(stop)
	n := <-acked

	p = startProcess(t, data)
	p.waitCaughtUp(t)
	p.stop(t, syscall.SIGTERM) // saves every model

	store, err := sqlite.OpenReadOnly(t.Context(), filepath.Join(data, ledgerFile))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	head, _ := store.Head(t.Context())
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	count := 0
	for after := uint64(0); after < head; {
		recs, err := store.ReadAll(ctx, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if strings.HasPrefix(r.Stream, "enterprise-91310000LD") {
				count++
			}
		}
		after = recs[len(recs)-1].Position
	}
	if count < n {
		t.Fatalf("%d registrations were acknowledged but the log holds %d", n, count)
	}
	t.Logf("acknowledged %d registrations before the kill; log head %d", n, head)

	saved, err := newModels(dirsOf(Config{Data: data}))
	if err != nil {
		t.Fatal(err)
	}
	defer saved.close()
	sr := runner.New(store, runner.Options{Dir: modelsPath(Config{Data: data})}, saved.all()...)
	if err := sr.Load(); err != nil {
		t.Fatal(err)
	}
	if got := sr.Position(); len(saved.all()) > 0 && got != head {
		t.Fatalf("saved read models are at %d, the log at %d", got, head)
	}
	fresh, err := newModels(modelDirs{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.close()
	if _, err := runner.Rebuild(ctx, store, "", nil, fresh.all()...); err != nil {
		t.Fatal(err)
	}
	for i, p := range saved.all() {
		var a, b bytes.Buffer
		if err := runner.Dump(&a, p); err != nil {
			t.Fatal(err)
		}
		if err := runner.Dump(&b, fresh.all()[i]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("read model %s after the crash differs from a full replay (%d vs %d bytes)", p.Name(), a.Len(), b.Len())
		}
	}
}
