package benchmark

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The goals the issue sets for reads at ten million events.
const (
	itemHistoryP99Goal = 10 * time.Millisecond
	traceP50Goal       = 20 * time.Millisecond
	recallListGoal     = 100 * time.Millisecond
	dashboardGoal      = time.Second
)

// scaleRounds is how many times each query is asked for its percentiles.
const scaleRounds = 200

// scaleQueries times, on a running server, the reads the issue bounds:
// an item's history, the downstream trace of the batch with the most units,
// a recall list, batch and enterprise history pages (p50 and p99 of
// scaleRounds asks each), and the grade distribution and dashboards (the
// first ask at this position, which computes, and the p50 of the asks
// after it).
func scaleQueries(ctx context.Context, base, token, label string, s samples, out func(Figure)) error {
	c := &http.Client{Timeout: time.Minute}
	// Every read model first reaches the head, so no fold shares the
	// machine with the reads timed.
	caught, err := caughtUp(ctx, c, base)
	if err != nil {
		return err
	}
	out(newFigure("serve_"+label+"_restart_all_models_at_head_s", caught.Seconds(), "s", "goal_s", restartGoal.Seconds()))
	// Then the store's compactions finish what the folds wrote, so the
	// reads time a settled server.
	calm, ok, err := settled(ctx, c, base)
	if err != nil {
		return err
	}
	name := "serve_" + label + "_model_store_settled_after_head_s"
	if !ok {
		name += "_not_settled"
	}
	out(newFigure(name, calm.Seconds(), "s", "restart_all_models_at_head_s", caught.Seconds()))
	get := func(path string) (time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, "GET", base+path, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return took, err
	}
	times := func(path string) ([]time.Duration, error) {
		ds := make([]time.Duration, 0, scaleRounds)
		for range scaleRounds {
			d, err := get(path)
			if err != nil {
				return nil, err
			}
			ds = append(ds, d)
		}
		slices.Sort(ds)
		return ds, nil
	}
	pct := func(ds []time.Duration, p float64) time.Duration { return ds[min(len(ds)-1, int(float64(len(ds))*p))] }
	esc := url.PathEscape
	type read struct {
		name, path string
		goal       time.Duration
		goalAt     float64 // the percentile the goal bounds
	}
	var reads []read
	if s.item[0] != "" {
		reads = append(reads, read{"item_history", fmt.Sprintf("/api/v1/items/01/%s/10/%s/21/%s/history", esc(s.item[0]), esc(s.item[1]), esc(s.item[2])), itemHistoryP99Goal, 0.99})
	}
	if s.batch[0] != "" {
		b := fmt.Sprintf("/api/v1/batches/%s/%s", esc(s.batch[0]), esc(s.batch[1]))
		reads = append(reads,
			read{fmt.Sprintf("trace_down_%d_units", s.batchUnits), b + "/trace?direction=downstream", traceP50Goal, 0.5},
			read{"batch_history_page", b + "/history?limit=100", itemHistoryP99Goal, 0.99})
	}
	if s.enterprise != "" {
		reads = append(reads, read{"enterprise_history_page", "/api/v1/enterprises/" + esc(s.enterprise) + "/history?limit=100", itemHistoryP99Goal, 0.99})
	}
	if s.recall != "" {
		reads = append(reads, read{"recall_list", "/api/v1/recalls/" + esc(s.recall), recallListGoal, 0.99})
	}
	for _, r := range reads {
		ds, err := times(r.path)
		if err != nil {
			return err
		}
		name := "query_" + label + "_" + r.name
		out(newFigure(name+"_p50_ms", ms(pct(ds, 0.5)), "ms", fmt.Sprintf("goal_p%.0f_ms", r.goalAt*100), ms(r.goal)))
		out(newFigure(name+"_p99_ms", ms(pct(ds, 0.99)), "ms", fmt.Sprintf("goal_p%.0f_ms", r.goalAt*100), ms(r.goal)))
	}
	for _, panel := range []string{"grades", "top-risks", "risk-trend", "rates", "recalls"} {
		path := "/api/v1/analytics/" + panel
		if panel == "rates" {
			path += "?by=category"
		}
		first, err := get(path)
		if err != nil {
			return err
		}
		ds, err := times(path)
		if err != nil {
			return err
		}
		name := "query_" + label + "_dashboard_" + panel
		out(newFigure(name+"_first_ms", ms(first), "ms", "goal_ms", ms(dashboardGoal)))
		out(newFigure(name+"_p50_ms", ms(pct(ds, 0.5)), "ms", name+"_first_ms", ms(first)))
	}
	return nil
}

// caughtUp waits until every read model's position (the
// traceledger_projection_position gauges of /metrics) is the log's head,
// and says how long that took.
func caughtUp(ctx context.Context, c *http.Client, base string) (time.Duration, error) {
	start := time.Now()
	for {
		head, ok := getHead(ctx, c, base)
		if ok {
			lowest, err := lowestModel(ctx, c, base)
			if err != nil {
				return 0, err
			}
			if lowest >= head {
				return time.Since(start), nil
			}
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// lowestModel is the lowest position a read model reports in /metrics.
func lowestModel(ctx context.Context, c *http.Client, base string) (uint64, error) {
	vs, err := metric(ctx, c, base, "traceledger_projection_position{")
	if err != nil {
		return 0, err
	}
	if len(vs) == 0 {
		return 0, fmt.Errorf("no traceledger_projection_position in /metrics")
	}
	return uint64(slices.Min(vs)), nil
}

// settleQuiet is how long no compaction may run in the model store for it
// to count as settled, and settleLimit how long the reads wait for that.
const (
	settleQuiet = 2 * time.Second
	settleLimit = 15 * time.Minute
)

// settled waits until the on-disk model store has run no compaction for
// settleQuiet: after every model reached the head, Pebble goes on merging
// what the folds wrote for a while, and reads timed then measure that
// catch-up, not a settled server. ok is false when it did not settle
// within settleLimit (the reads are then timed anyway).
func settled(ctx context.Context, c *http.Client, base string) (took time.Duration, ok bool, err error) {
	start := time.Now()
	quietSince := time.Time{}
	for time.Since(start) < settleLimit {
		vs, err := metric(ctx, c, base, "traceledger_model_store_compactions_running")
		if err != nil {
			return 0, false, err
		}
		switch {
		case len(vs) == 0:
			return 0, false, fmt.Errorf("no traceledger_model_store_compactions_running in /metrics")
		case vs[0] > 0:
			quietSince = time.Time{}
		case quietSince.IsZero():
			quietSince = time.Now()
		case time.Since(quietSince) >= settleQuiet:
			return quietSince.Sub(start), true, nil
		}
		select {
		case <-ctx.Done():
			return 0, false, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return time.Since(start), false, nil
}

// metric is the value of every /metrics line that begins with name.
func metric(ctx context.Context, c *http.Client, base, name string) ([]float64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []float64
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name) {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return nil, fmt.Errorf("metrics line %q: %w", line, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}
