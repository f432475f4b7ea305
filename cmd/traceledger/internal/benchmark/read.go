package benchmark

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// benchRead seeds the demo data set into dir, then measures the replay of
// the read models, certificate queries over HTTP and downstream traces.
func benchRead(ctx context.Context, c Config, dir string, out func(Figure)) error {
	gtin, err := benchData(ctx, dir, c.LedgerFile, c.Items)
	if err != nil {
		return err
	}
	models, err := c.ReadModels()
	if err != nil {
		return err
	}
	err = errors.Join(benchReplay(ctx, filepath.Join(dir, c.LedgerFile), models, out), closeModels(models))
	if err != nil {
		return err
	}
	if c.AllModels != nil {
		all, err := c.AllModels()
		if err != nil {
			return err
		}
		err = errors.Join(benchReplayNamed(ctx, filepath.Join(dir, c.LedgerFile), "replay_all_models_events_per_s", all, out), closeModels(all))
		if err != nil {
			return err
		}
	}
	if err := benchCertificateHTTP(ctx, c.Serve, dir, gtin, out); err != nil {
		return err
	}
	return benchTrace(ctx, out)
}

// closeModels closes the read models that are io.Closers.
func closeModels(models []runner.Projection) error {
	var err error
	for _, m := range models {
		if cl, ok := m.(io.Closer); ok {
			err = errors.Join(err, cl.Close())
		}
	}
	return err
}

// benchTrace times the downstream trace of a batch with about 10,000 units
// downstream in a synthetic data set of 1,000,000 items, beside the goal.
func benchTrace(ctx context.Context, out func(Figure)) error {
	p50, p99, err := trace.MeasureDownstream(ctx, 1_000_000, 10_000)
	if err != nil {
		return err
	}
	out(newFigure("trace_downstream_p50_ms", ms(p50), "ms", "goal_ms", 20))
	out(newFigure("trace_downstream_p99_ms", ms(p99), "ms", "trace_downstream_p50_ms", ms(p50)))
	return nil
}

// benchData seeds the demo data set into dir (not durable: it is scratch)
// and returns the GTIN of a product with a certificate.
func benchData(ctx context.Context, dir, ledgerFile string, items int) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, ledgerFile), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		return "", err
	}
	defer store.Close()
	h := command.NewHandlers(store, demo.CommandOptions(1, ""))
	sum, err := demo.Run(ctx, h, demo.Options{Items: items, Seed: 1, Now: time.Now()})
	if err != nil {
		return "", fmt.Errorf("seed bench data: %w", err)
	}
	return sum.SampleGTIN, store.Close()
}

// benchReplay rebuilds every read model from the log beside a raw read of
// the events table.
func benchReplay(ctx context.Context, path string, models []runner.Projection, out func(Figure)) error {
	return benchReplayNamed(ctx, path, "replay_events_per_s", models, out)
}

// benchReplayNamed is benchReplay under the figure name given.
func benchReplayNamed(ctx context.Context, path, name string, models []runner.Projection, out func(Figure)) error {
	_, raw, err := sqlite.MeasureRawRead(ctx, path)
	if err != nil {
		return err
	}
	return benchReplayBeside(ctx, path, name, models, raw, out)
}

// benchReplayBeside is benchReplayNamed beside a raw read rate this run
// already measured on the same ledger: a read of ten million rows takes
// most of a minute.
func benchReplayBeside(ctx context.Context, path, name string, models []runner.Projection, raw float64, out func(Figure)) error {
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := runner.Rebuild(ctx, store, "", nil, models...)
	if err != nil {
		return err
	}
	out(newFigure(name, res.PerSecond(), "events/s", "raw_events_table_read_rows_per_s", raw))
	return nil
}

// benchCertificateHTTP serves the data set and sends GET requests for a
// certificate at a fixed rate over loopback, beside the same load on
// /healthz.
func benchCertificateHTTP(ctx context.Context, serve func(ctx context.Context, dir string, ready func(addr string)) error, dir, gtin string, out func(Figure)) error {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(sctx, dir, func(a string) { addrc <- a }) }()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	}
	defer func() { cancel(); <-done }()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	// Let the server answer and its read models catch up before measuring.
	if err := waitHealthy(ctx, client, base); err != nil {
		return err
	}
	if err := waitCaughtUp(ctx, client, base, gtin); err != nil {
		return err
	}
	const rate, seconds = 2000, 3
	// Warm up: open the connections, fill the caches.
	if _, err := p99Under(ctx, client, base+"/healthz", rate, 1); err != nil {
		return err
	}
	baseP99, err := p99Under(ctx, client, base+"/healthz", rate, seconds)
	if err != nil {
		return err
	}
	certP99, err := p99Under(ctx, client, base+"/api/v1/products/"+gtin+"/certificate", rate, seconds)
	if err != nil {
		return err
	}
	out(newFigure("certificate_http_p99_ms", ms(certP99), "ms", "healthz_http_p99_ms", ms(baseP99)))
	return nil
}

func waitHealthy(ctx context.Context, c *http.Client, base string) error {
	for range 100 {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server did not answer /healthz")
}

// waitCaughtUp waits until the read models have applied the whole log, so
// the measurement does not race their catch-up.
func waitCaughtUp(ctx context.Context, c *http.Client, base, gtin string) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	var h struct {
		Head uint64 `json:"head"`
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil {
		return err
	}
	for range 60 {
		req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/products/%s/certificate?min_position=%d", base, gtin, h.Head), nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("read models did not reach position %d", h.Head)
}

// p99Under sends GETs to url at rate per second for the given seconds (an
// open loop: requests start on schedule whether or not earlier ones have
// finished) and returns the 99th percentile latency. Any non-200 answer is
// an error.
func p99Under(ctx context.Context, c *http.Client, url string, rate, seconds int) (time.Duration, error) {
	n := rate * seconds
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var errMu sync.Mutex
	var firstErr error
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	for i := range n {
		if d := time.Until(start.Add(time.Duration(i) * interval)); d > 0 {
			time.Sleep(d)
		}
		wg.Go(func() {
			t0 := time.Now()
			req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
			resp, err := c.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = fmt.Errorf("GET %s: %s", url, resp.Status)
				}
			}
			lat[i] = time.Since(t0)
			if err != nil {
				errMu.Lock()
				firstErr = err
				errMu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	slices.Sort(lat)
	return lat[n*99/100], nil
}
