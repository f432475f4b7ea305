package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

// runDemo is `traceledger demo [--items N] [--seed S]`: it seeds an empty
// ledger with the demo data set through the command handlers, the same path
// the API takes, then prints a summary and tokens to try it with.
func runDemo(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("demo", e)
	items := fs.Int("items", demo.DefaultItems, "labelled items in the data set (the default gives over 100,000 events)")
	seed := fs.Uint64("seed", 1, "seed of the data set: the same seed gives the same data")
	workers := fs.Int("workers", 32, "concurrent command streams")
	ifEmpty := fs.Bool("if-empty", false, "seed only a ledger that holds no event yet; otherwise say so and exit 0 (make run)")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if *items < 1 || *workers < 1 {
		fmt.Fprintln(e.stderr, "traceledger demo: --items and --workers must be positive")
		return exitUsage
	}
	sum, err := seedDemo(ctx, e, cfg, demo.Options{Items: *items, Seed: *seed, Workers: *workers, Now: time.Now()})
	if errors.Is(err, errLedgerNotEmpty) && *ifEmpty {
		fmt.Fprintf(e.stdout, "%v; make a token with: traceledger token create --role regulator --data %s\n", err, cfg.Data)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger demo: %v\n", err)
		return exitFailure
	}
	tokens, err := demoTokens(ctx, cfg, sum)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger demo: %v\n", err)
		return exitFailure
	}
	printSummary(e.stdout, cfg, sum, tokens)
	return exitOK
}

// errLedgerNotEmpty is the demo's refusal to add its data set to a ledger
// that holds events already.
var errLedgerNotEmpty = errors.New("the ledger already holds events and the demo seeds an empty one only")

// seedDemo appends the data set to an empty ledger.
func seedDemo(ctx context.Context, e env, cfg Config, o demo.Options) (demo.Summary, error) {
	store, err := sqlite.Open(ctx, filepath.Join(cfg.Data, ledgerFile), sqlite.Options{})
	if err != nil {
		return demo.Summary{}, fmt.Errorf("open event store: %w", err)
	}
	defer store.Close()
	head, err := store.Head(ctx)
	if err != nil {
		return demo.Summary{}, err
	}
	if head > 0 {
		return demo.Summary{}, fmt.Errorf("%w: %d events in %s (use another --data)", errLedgerNotEmpty, head, cfg.Data)
	}
	h := command.NewHandlers(store, demo.CommandOptions(o.Seed, cfg.BaseURL))
	var last atomic.Int64
	o.Progress = func(done, total int) {
		now := time.Now().UnixMilli()
		if prev := last.Load(); now-prev >= 1000 && last.CompareAndSwap(prev, now) {
			fmt.Fprintf(e.stderr, "\rseeding demo data: %3d%% (%d/%d commands)", done*100/max(total, 1), done, total)
		}
	}
	sum, err := demo.Run(ctx, h, o)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return sum, err
	}
	return sum, store.Close()
}

type demoToken struct{ name, role, uscc, token string }

// demoTokens makes one token per kind of user of the demo.
func demoTokens(ctx context.Context, cfg Config, sum demo.Summary) ([]demoToken, error) {
	store, err := authstore.Open(ctx, filepath.Join(cfg.Data, tokensFile), authstore.Options{})
	if err != nil {
		return nil, fmt.Errorf("open token store: %w", err)
	}
	defer store.Close()
	want := []demoToken{
		{name: "REG", role: string(access.RoleRegulator)},
		{name: "ANA", role: string(access.RoleAnalyst)},
		{name: "ADM", role: string(access.RoleAdmin)},
		{name: "IMP", role: string(access.RoleEnterprise), uscc: sum.Importer},
		{name: "RET", role: string(access.RoleEnterprise), uscc: sum.Retailer},
	}
	var out []demoToken
	for _, t := range want {
		if t.role == string(access.RoleEnterprise) && t.uscc == "" {
			continue
		}
		tok, err := store.Create(ctx, access.Role(t.role), t.uscc)
		if err != nil {
			return nil, fmt.Errorf("create %s token: %w", t.role, err)
		}
		t.token = tok
		out = append(out, t)
	}
	return out, nil
}

func printSummary(w io.Writer, cfg Config, s demo.Summary, tokens []demoToken) {
	fmt.Fprintf(w, "Seeded %d events in %.1fs (%.0f events/s) into %s\n\n", s.Events, s.Elapsed.Seconds(), float64(s.Events)/s.Elapsed.Seconds(), filepath.Join(cfg.Data, ledgerFile))
	rows := [][2]string{
		{"enterprises", fmt.Sprint(s.Enterprises)}, {"products", fmt.Sprint(s.Products)}, {"batches", fmt.Sprint(s.Batches)},
		{"customs declarations", fmt.Sprintf("%d (%d inspected)", s.Declarations, s.CustomsInspections)},
		{"labelled items", fmt.Sprint(s.Labels)}, {"shipments", fmt.Sprintf("%d (%d received)", s.Shipments, s.Receipts)},
		{"sale events", fmt.Sprintf("%d (%d units)", s.Sales, s.SoldUnits)}, {"market inspections", fmt.Sprint(s.Inspections)},
		{"complaints", fmt.Sprintf("%d (%d resolved)", s.Complaints, s.Resolutions)},
		{"complaint cases", complaintCases(s.ComplaintCases)},
		{"recalls", fmt.Sprintf("%d (%d closed, %d returns of %d units, %d notices acknowledged, %d reminders, %d public notice decisions)", s.Recalls, s.ClosedRecalls, s.Returns, s.ReturnedUnits, s.RecallAcks, s.RecallReminders, s.PublicNotices)},
		{"penalties", fmt.Sprint(s.Penalties)}, {"certificates", certificates(s.Certificates)},
		{"certificate changes", fmt.Sprintf("%d renewed, %d amended, %d notified again after revocation", s.Renewals, s.Amendments, s.Renotifications)},
	}
	rows = append(rows, [2]string{"withdrawals", fmt.Sprintf("%d (%d ordered by regulators, %d disposals)", s.Withdrawals, s.WithdrawalOrders, s.Disposals)})
	for _, r := range rows {
		fmt.Fprintf(w, "  %-22s %s\n", r[0], r[1])
	}
	fmt.Fprintln(w, "\nTokens (only their hashes are stored; keep these):")
	for _, t := range tokens {
		who := t.role
		if t.uscc != "" {
			who += " " + t.uscc
		}
		fmt.Fprintf(w, "  export %s=%s   # %s\n", t.name, t.token, who)
	}
	base := "http://" + cfg.Addr
	fmt.Fprintln(w, "\nThings to try once `traceledger serve` runs:")
	fmt.Fprintf(w, "  open %s/ in a browser and sign in with one of the tokens above\n", base)
	if s.SampleGTIN != "" {
		fmt.Fprintf(w, "  curl -s %s/api/v1/products/%s/certificate\n", base, s.SampleGTIN)
	}
	fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $REG\" '%s/api/v1/events?limit=3'\n", base)
	if s.SampleItem != "" {
		fmt.Fprintf(w, "  a sold item's label code: %s\n", s.SampleItem)
	}
	if s.SampleRecallID != "" {
		fmt.Fprintf(w, "  level-1 recall %s of batch %s/%s\n", s.SampleRecallID, s.SampleBatch[0], s.SampleBatch[1])
	}
}

func certificates(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
