package benchmark

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
)

// rssGoalMB is the memory serve should stay under at ten million events.
const rssGoalMB = 2048

// serveRSSCapMB and serveTimeout bound one start of serve in the scale
// figures: a server past either is stopped and the figure says so (its
// name ends in _not_ready, its value is what was reached), rather than the
// machine running out of memory or the run out of time.
const (
	serveRSSCapMB = 12 * 1024
	serveTimeout  = 45 * time.Minute
)

// restartGoal is how soon serve should answer again after a restart, from
// its snapshots.
const restartGoal = 5 * time.Second

// benchScale generates a ledger of c.ScaleEvents events and measures it:
// the generator's rate beside a raw insert of its first rows, the file's
// size beside the bytes of its rows, serve's start-up to ready and its
// resident memory read from /proc (first start folding the whole log, then
// a restart from the snapshots the first one saved), and the rebuild
// rate beside a raw read of the events table: the first start's and the
// catch-up's, or, with serve not run, a replay of serve's main models.
func benchScale(ctx context.Context, c Config, dir string, out func(Figure)) error {
	sdir, path, g, label := c.ScaleData, "", Generated{}, ""
	if sdir == "" {
		sdir = filepath.Join(dir, "scale")
		var took time.Duration
		var err error
		if path, g, took, err = generated(ctx, c, sdir, c.ScaleEvents); err != nil {
			return err
		}
		label = scaleLabel(g.Events)
		rows, raw, err := sqlite.MeasureRawInsertOf(ctx, path, dir, rawLimit, bulkEvents, c.Synchronous)
		if err != nil {
			return err
		}
		out(newFigure("generate_"+label+"_events_per_s", float64(g.Events)/took.Seconds(), "events/s",
			fmt.Sprintf("raw_sqlite_batched_insert_same_rows_per_s(first_%d)", rows), raw))
	} else {
		var err error
		path = filepath.Join(sdir, c.LedgerFile)
		if g, err = describe(ctx, path); err != nil {
			return err
		}
		label = scaleLabel(g.Events)
	}
	n := g.Events
	size, rowBytes, err := ledgerSize(ctx, path)
	if err != nil {
		return err
	}
	out(newFigure("ledger_"+label+"_bytes_per_event", float64(size)/float64(n), "bytes", "row_values_bytes_per_event", float64(rowBytes)/float64(n)))
	readRows, readRate, err := sqlite.MeasureRawRead(ctx, path)
	if err != nil {
		return err
	}
	rawRead := time.Duration(float64(readRows) / readRate * float64(time.Second))
	capped := false  // serve's read models did not fit under the cap
	rebuilt := false // serve's first start rebuilt the models from the log
	// A kept data directory whose models an earlier run folded starts from
	// them: its first start rebuilds nothing, so no rebuild rate is timed.
	kept := c.ScaleData != "" && hasModels(sdir)
	if c.ServeProcess != nil && !c.ScaleNoServe {
		first, err := serveStart(ctx, c, sdir, g.GTIN, nil)
		if err != nil {
			return fmt.Errorf("first start: %w", err)
		}
		capped = first.gaveUp == "rss_cap"
		out(newFigure("serve_"+label+"_first_start_s"+first.suffix(), first.ready.Seconds(), "s", "raw_events_table_read_s", rawRead.Seconds()))
		out(newFigure("serve_"+label+"_rss_mb"+first.suffix(), first.rssMB, "MB", "goal_mb", rssGoalMB))
		if first.peakMB > 0 {
			out(newFigure("serve_"+label+"_peak_rss_mb"+first.suffix(), first.peakMB, "MB", "goal_mb", rssGoalMB))
		}
		if first.gaveUp == "" {
			rebuilt = true
			// A first start is a full rebuild of the main models: their
			// rate is timed there, not in a replay that would fold the
			// same events again.
			out(rebuildFigure("rebuild_"+label+"_main_models_events_per_s", kept, n, first.ready, readRate))
			// The reads are timed on the restarted server, as a
			// replica serves them.
			var caught time.Duration
			queries, err := scaleReads(ctx, c, sdir, path, label, &caught, out)
			if err != nil {
				return err
			}
			again, err := serveStart(ctx, c, sdir, g.GTIN, queries)
			if err != nil {
				return fmt.Errorf("restart: %w", err)
			}
			out(newFigure("serve_"+label+"_restart_s"+again.suffix(), again.ready.Seconds(), "s", "goal_s", restartGoal.Seconds()))
			out(newFigure("serve_"+label+"_restart_rss_mb"+again.suffix(), again.rssMB, "MB", "goal_mb", rssGoalMB))
			if again.afterMB > 0 {
				out(newFigure("serve_"+label+"_rss_after_reads_mb", again.afterMB, "MB", "goal_mb", rssGoalMB))
				// The restart, every model's catch-up to the head and the
				// reads: the most memory serve held through them.
				out(newFigure("serve_"+label+"_restart_peak_rss_mb", again.peakMB, "MB", "goal_mb", rssGoalMB))
			}
			if caught > 0 {
				// Every model, the EPCIS view and the search index with
				// the main ones: the first start, then the restart and
				// its catch-up to the head.
				all := first.ready + again.ready + caught
				out(rebuildFigure("rebuild_"+label+"_all_models_events_per_s", kept, n, all, readRate))
			}
		}
	}
	if capped {
		// Rebuilding the same models in this process would not fit either.
		out(newFigure("replay_"+label+"_events_per_s_not_run_rss_cap", 0, "events/s", "raw_events_table_read_rows_per_s", readRate))
		return nil
	}
	if err := benchDecodeOnly(ctx, path, "replay_"+label+"_read_and_decode_only_events_per_s", readRate, out); err != nil {
		return err
	}
	if rebuilt {
		return nil
	}
	// The models keep their files as serve's do: the large ones on disk.
	mdir := filepath.Join(dir, "replay-models")
	if err := os.RemoveAll(mdir); err != nil {
		return err
	}
	models, closeAll, err := c.ReadModelsIn(mdir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(mdir)
	defer closeAll()
	if err := benchReplayBeside(ctx, path, "replay_"+label+"_events_per_s", models, readRate, out); err != nil {
		return err
	}
	// The models just rebuilt are still held: this process's memory is
	// about what serve's main runner holds at this size.
	rss, err := rssMB(os.Getpid())
	if err != nil {
		return err
	}
	out(newFigure("replay_"+label+"_rss_mb", rss, "MB", "goal_mb", rssGoalMB))
	return nil
}

// scaleReads prepares the timed reads: the samples to ask for and a
// regulator's token (made before serve starts, as an operator would).
// The reads record in caught how long the restarted server took to bring
// every model to the head.
func scaleReads(ctx context.Context, c Config, dir, path, label string, caught *time.Duration, out func(Figure)) (func(base string, pid int) error, error) {
	if c.Token == nil {
		return nil, nil
	}
	s, err := findSamples(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("find samples: %w", err)
	}
	token, err := c.Token(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("regulator token: %w", err)
	}
	return func(base string, pid int) error {
		took, err := scaleQueries(ctx, base, pid, token, label, s, out)
		*caught = took
		return err
	}, nil
}

// describe reads an existing ledger's size and the GTIN of its first issued
// certificate.
func describe(ctx context.Context, path string) (Generated, error) {
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return Generated{}, err
	}
	defer store.Close()
	head, err := store.Head(ctx)
	if err != nil {
		return Generated{}, err
	}
	g := Generated{Events: int(head)}
	for after := uint64(0); g.GTIN == "" && after < min(head, 200_000); {
		recs, err := store.ReadAll(ctx, after, 10_000)
		if err != nil || len(recs) == 0 {
			return g, err
		}
		for _, r := range recs {
			if r.Type == "certificate.issued.v1" {
				var c struct {
					GTIN string `json:"gtin"`
				}
				if json.Unmarshal(r.Data, &c) == nil && c.GTIN != "" {
					g.GTIN = c.GTIN
					break
				}
			}
		}
		after = recs[len(recs)-1].Position
	}
	return g, nil
}

// scaleLabel names a ledger's size in figures: 10m, 1m, 200k.
func scaleLabel(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%dm", (n+500_000)/1_000_000)
	case n >= 1_000:
		return fmt.Sprintf("%dk", (n+500)/1_000)
	}
	return strconv.Itoa(n)
}

// ledgerSize is the database's bytes on disk (with its WAL) and the bytes
// of the values its event rows hold.
func ledgerSize(ctx context.Context, path string) (file, rows int64, err error) {
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			file += st.Size()
		}
	}
	rows, err = sqlite.MeasureRowBytes(ctx, path)
	return file, rows, err
}

// started is one start of serve.
type started struct {
	ready time.Duration // from exec to the read models at the log's head
	rssMB float64       // resident memory then (VmRSS)
	// afterMB is the resident memory after the reads run on it.
	afterMB float64
	// peakMB is the most resident memory the process had (VmHWM), read
	// with afterMB when the reads ran, else at ready: the folds' transient
	// peaks fall between the points VmRSS is read at.
	peakMB float64
	// gaveUp says why serve was stopped before it was ready (memory or
	// time past the caps); ready and rssMB are then what it had reached.
	gaveUp string
}

// suffix marks a figure of a start given up.
func (s started) suffix() string {
	if s.gaveUp == "" {
		return ""
	}
	return "_not_ready_" + s.gaveUp
}

// serveStart runs serve on dir as a child process, times it until the log
// head answers /healthz and a public certificate check waits for, and
// reads its resident memory from /proc; then runs during (when not nil) on
// the ready server, reads the memory again, stops it with SIGTERM (serve
// saves its snapshots) and waits for it to exit.
func serveStart(ctx context.Context, c Config, dir, gtin string, during func(base string, pid int) error) (started, error) {
	addr, err := freeAddr()
	if err != nil {
		return started{}, err
	}
	cmd := c.ServeProcess(dir, addr)
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		return started{}, err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	base := "http://" + addr
	client := &http.Client{Timeout: 30 * time.Second}
	pid := cmd.Process.Pid
	// capped checks the caps while serve starts.
	capped := func() (started, bool) {
		rss, err := rssMB(pid)
		switch {
		case err == nil && rss > serveRSSCapMB:
			return started{ready: time.Since(begin), rssMB: rss, gaveUp: "rss_cap"}, true
		case time.Since(begin) > serveTimeout:
			return started{ready: time.Since(begin), rssMB: rss, gaveUp: "timeout"}, true
		}
		return started{}, false
	}
	var head uint64
	for {
		if err := ctx.Err(); err != nil {
			return started{}, err
		}
		if s, ok := capped(); ok {
			return s, nil
		}
		if h, ok := getHead(ctx, client, base); ok {
			head = h
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	url := fmt.Sprintf("%s/api/v1/products/%s/certificate?min_position=%d", base, gtin, head)
	for {
		if err := ctx.Err(); err != nil {
			return started{}, err
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if s, ok := capped(); ok {
			return s, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	s := started{ready: time.Since(begin)}
	if s.rssMB, err = rssMB(pid); err != nil {
		return s, err
	}
	if during == nil {
		s.peakMB, err = procMB(pid, "VmHWM")
		return s, err
	}
	if err := during(base, pid); err != nil {
		return s, err
	}
	if s.afterMB, err = rssMB(pid); err != nil {
		return s, err
	}
	s.peakMB, err = procMB(pid, "VmHWM")
	return s, err
}

// getHead asks /healthz for the log's head; ok is false until it answers.
func getHead(ctx context.Context, c *http.Client, base string) (uint64, bool) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
	resp, err := c.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var h struct {
		Head uint64 `json:"head"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != http.StatusOK {
		return 0, false
	}
	return h.Head, true
}

// freeAddr is a loopback address with a port free now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// rssMB reads a process's resident set size (VmRSS) from /proc.
func rssMB(pid int) (float64, error) { return procMB(pid, "VmRSS") }

// procMB reads a memory field of a process's /proc status, in MB.
func procMB(pid int, field string) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			if err != nil {
				return 0, fmt.Errorf("%s %q: %w", field, v, err)
			}
			return kb / 1024, nil
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

// ServeCommand is the usual Config.ServeProcess: this executable's serve
// on the data directory dir at addr, logging to nothing.
func ServeCommand(exe string) func(dir, addr string) *exec.Cmd {
	return func(dir, addr string) *exec.Cmd {
		// No rate limit: the timed reads ask hundreds of times a second.
		return exec.Command(exe, "serve", "--data", dir, "--addr", addr, "--base-url", "http://"+addr, "--rate-limit", "0")
	}
}

// rebuildFigure is n events folded in took, beside the raw read; on kept
// models it is named so and 0, since nothing was rebuilt.
func rebuildFigure(name string, kept bool, n int, took time.Duration, readRate float64) Figure {
	if kept {
		return newFigure(name+"_not_run_models_kept", 0, "events/s", "raw_events_table_read_rows_per_s", readRate)
	}
	return newFigure(name, float64(n)/took.Seconds(), "events/s", "raw_events_table_read_rows_per_s", readRate)
}

// hasModels reports whether the data directory holds read models folded
// before (snapshots or the model store).
func hasModels(data string) bool {
	entries, err := os.ReadDir(filepath.Join(data, "projections"))
	return err == nil && len(entries) > 0
}
