package benchmark

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
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

// scaleQueries times, on a running server (process pid), once every model
// is at the head and serve is idle, the reads the issue bounds: an item's
// history, the downstream trace of the batch with the most units, a recall
// list, batch and enterprise history pages (p50 and p99 of scaleRounds
// asks each), and the grade distribution and dashboards (the first ask at
// this position, which computes, and the p50 of the asks after it). It
// returns how long the models took to reach the head.
func scaleQueries(ctx context.Context, base string, pid int, token, label string, s samples, out func(Figure)) (time.Duration, error) {
	c := &http.Client{Timeout: time.Minute}
	// Every read model first reaches the head, so no fold shares the
	// machine with the reads timed.
	caught, err := caughtUp(ctx, c, base)
	if err != nil {
		return 0, err
	}
	out(newFigure("serve_"+label+"_restart_all_models_at_head_s", caught.Seconds(), "s", "goal_s", restartGoal.Seconds()))
	// Then serve finishes what the folds left (compactions, the search
	// index's merges), so the reads time a settled server.
	calm, ok, err := idle(ctx, time.Second, func() (time.Duration, error) { return cpuTime(pid) })
	if err != nil {
		return caught, err
	}
	name := "serve_" + label + "_idle_after_head_s"
	if !ok {
		name += "_not_idle"
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
	// The token was made before serve started, as an operator makes
	// one: its first use imports it into the log, a durable append made
	// once per token. It is made here, untimed, so that the first read
	// timed is a read; its caches are as cold as before.
	if _, err := get("/api/v1/me"); err != nil {
		return caught, fmt.Errorf("the token's first use: %w", err)
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
			return caught, err
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
			return caught, err
		}
		ds, err := times(path)
		if err != nil {
			return caught, err
		}
		name := "query_" + label + "_dashboard_" + panel
		out(newFigure(name+"_first_ms", ms(first), "ms", "goal_ms", ms(dashboardGoal)))
		out(newFigure(name+"_p50_ms", ms(pct(ds, 0.5)), "ms", name+"_first_ms", ms(first)))
	}
	return caught, nil
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

// Serve is idle when it used less than idleShare of one core in each of
// idlePolls polls in a row; the reads wait for that at most idleLimit.
const (
	idlePolls = 2
	idleShare = 0.1
	idleLimit = 15 * time.Minute
)

// idle waits until serve is idle, cpu reading its CPU time so far every
// poll: after every model reached the head, Pebble goes on compacting and
// the search index merging what the folds wrote, for minutes at ten
// million events, and reads timed then measure that, not a settled
// server. took runs from the call to the start of the idle spell; ok is
// false when serve was not idle within idleLimit (the reads are then timed
// anyway).
func idle(ctx context.Context, poll time.Duration, cpu func() (time.Duration, error)) (took time.Duration, ok bool, err error) {
	start := time.Now()
	last, err := cpu()
	if err != nil {
		return 0, false, err
	}
	quiet := 0 // polls in a row under idleShare
	for time.Since(start) < idleLimit {
		select {
		case <-ctx.Done():
			return 0, false, ctx.Err()
		case <-time.After(poll):
		}
		now, err := cpu()
		if err != nil {
			return 0, false, err
		}
		if float64(now-last) > idleShare*float64(poll) {
			quiet = 0
		} else {
			quiet++
		}
		last = now
		if quiet == idlePolls {
			return max(time.Since(start)-idlePolls*poll, 0), true, nil
		}
	}
	return time.Since(start), false, nil
}

// cpuTime is the CPU time (user and system) process pid has used, from
// /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: the fields
	// counted are those after it (utime and stime are the 14th and 15th).
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %q", pid, b)
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
		}
		ticks += n
	}
	// Linux reports clock ticks of 1/100 s (USER_HZ) to user space.
	return time.Duration(ticks) * 10 * time.Millisecond, nil
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
