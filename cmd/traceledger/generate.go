package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
)

// runGenerate is `traceledger generate --events N --units M [--seed S]`: it
// writes a large synthetic ledger with the demo's shapes into an empty data
// directory through the store's bulk path (demo.Generate), then signs a
// checkpoint of the whole log with the ledger's key, so `traceledger verify`
// checks it and `serve` starts on it as on any ledger.
func runGenerate(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("generate", e)
	events := fs.Int("events", 1_000_000, "about how many events the ledger gets")
	units := fs.Int("units", 0, "about how many units get labels (default: a tenth of --events)")
	seed := fs.Uint64("seed", 1, "seed of the data set: the same seed gives the same data")
	bulk := fs.Int("bulk", 20_000, "about how many events one bulk transaction carries")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if *events < 1 || *units < 0 || *bulk < 1 {
		fmt.Fprintln(e.stderr, "traceledger generate: --events and --bulk must be positive, --units not negative")
		return exitUsage
	}
	o := demo.LargeOptions{Events: *events, Units: *units, Seed: *seed, BulkEvents: *bulk, Now: time.Now()}
	sum, err := generateLedger(ctx, e, cfg, o)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger generate: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "Generated %d events in %.1fs (%.0f events/s) into %s\n", sum.Events, sum.Elapsed.Seconds(),
		float64(sum.Events)/sum.Elapsed.Seconds(), filepath.Join(cfg.Data, ledgerFile))
	rows := [][2]string{
		{"enterprises", fmt.Sprint(sum.Enterprises)}, {"products", fmt.Sprint(sum.Products)},
		{"batches", fmt.Sprint(sum.Batches)}, {"customs declarations", fmt.Sprint(sum.Declarations)},
		{"labelled units", fmt.Sprint(sum.Labels)}, {"shipments", fmt.Sprintf("%d (%d received)", sum.Shipments, sum.Receipts)},
		{"sale events", fmt.Sprintf("%d (%d units)", sum.Sales, sum.SoldUnits)}, {"market inspections", fmt.Sprint(sum.Inspections)},
		{"recalls", fmt.Sprint(sum.Recalls)}, {"complaints", fmt.Sprint(sum.Complaints)},
		{"bulk transactions", fmt.Sprint(sum.Bulks)},
	}
	for _, r := range rows {
		fmt.Fprintf(e.stdout, "  %-22s %s\n", r[0], r[1])
	}
	if sum.BigBatch[0] != "" {
		fmt.Fprintf(e.stdout, "  the big batch: %s/%s\n", sum.BigBatch[0], sum.BigBatch[1])
	}
	if sum.SampleItem[0] != "" {
		fmt.Fprintf(e.stdout, "  a sold item: %s/%s/%s\n", sum.SampleItem[0], sum.SampleItem[1], sum.SampleItem[2])
	}
	return exitOK
}

// generateLedger runs demo.Generate on the data directory's empty ledger and
// signs the resulting tree's head.
func generateLedger(ctx context.Context, e env, cfg Config, o demo.LargeOptions) (demo.LargeSummary, error) {
	if err := os.MkdirAll(cfg.Data, 0o755); err != nil {
		return demo.LargeSummary{}, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(cfg.Data, ledgerFile), sqlite.Options{})
	if err != nil {
		return demo.LargeSummary{}, fmt.Errorf("open event store: %w", err)
	}
	defer store.Close()
	head, err := store.Head(ctx)
	if err != nil {
		return demo.LargeSummary{}, err
	}
	if head > 0 {
		return demo.LargeSummary{}, fmt.Errorf("%w: %d events in %s (use another --data)", errNotEmpty, head, cfg.Data)
	}
	// A batch tool that allocates much and keeps little: collect less often.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	tree := newLogTree()
	o.Written = func(recs []event.Record) error { return tree.catchUp(ctx, store, recs) }
	var last time.Time
	o.Progress = func(done, total int) {
		if time.Since(last) >= time.Second {
			last = time.Now()
			fmt.Fprintf(e.stderr, "\rgenerating: %3d%% (%d/%d events)", min(done*100/max(total, 1), 100), done, total)
		}
	}
	h := command.NewHandlers(store, demo.CommandOptions(o.Seed, cfg.BaseURL))
	sum, err := demo.Generate(ctx, h, store, o)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return sum, err
	}
	if err := tree.catchUp(ctx, store, nil); err != nil {
		return sum, err
	}
	if err := signHead(ctx, cfg, tree); err != nil {
		return sum, err
	}
	return sum, store.Close()
}

// errNotEmpty is generate's refusal to add to a ledger that holds events.
var errNotEmpty = errors.New("the ledger already holds events and generate writes an empty one only")

// signHead signs the tree's head with the ledger's key into the data
// directory's checkpoint archive, as serve's notary does.
func signHead(ctx context.Context, cfg Config, tree *logTree) error {
	key, err := notary.LoadOrCreateKey(ledgerKeyPath(cfg), "")
	if err != nil {
		return fmt.Errorf("ledger key: %w", err)
	}
	archive, err := notary.OpenArchive(filepath.Join(cfg.Data, notary.ArchiveDir))
	if err != nil {
		return fmt.Errorf("checkpoints: %w", err)
	}
	defer archive.Close()
	n, err := notary.New(key, archive, tree)
	if err != nil {
		return err
	}
	if _, err := n.Update(ctx); err != nil {
		return fmt.Errorf("sign the head: %w", err)
	}
	return nil
}

// logTree is the RFC 6962 tree of the log (leaf: the event's chained hash,
// as projections/merkle and adapters/audit have it), kept as a compact range:
// enough to sign its head once.
type logTree struct {
	cr *compact.Range
}

func newLogTree() *logTree {
	return &logTree{cr: (&compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}).NewEmptyRange(0)}
}

// catchUp appends the log's records the tree lacks before recs (those the
// handlers appended), read from store, then recs themselves; with recs nil,
// everything up to the store's head.
func (t *logTree) catchUp(ctx context.Context, store event.Store, recs []event.Record) error {
	until := uint64(0)
	if len(recs) > 0 {
		until = recs[0].Position - 1
	} else {
		h, err := store.Head(ctx)
		if err != nil {
			return err
		}
		until = h
	}
	for t.cr.End() < until {
		page, err := store.ReadAll(ctx, t.cr.End(), int(min(until-t.cr.End(), 10_000)))
		if err != nil {
			return fmt.Errorf("read the log after %d: %w", t.cr.End(), err)
		}
		if len(page) == 0 {
			return fmt.Errorf("the log ends at %d, before %d", t.cr.End(), until)
		}
		if err := t.add(page); err != nil {
			return err
		}
	}
	return t.add(recs)
}

func (t *logTree) add(recs []event.Record) error {
	for _, r := range recs {
		if r.Position != t.cr.End()+1 {
			return fmt.Errorf("tree: position %d after %d", r.Position, t.cr.End())
		}
		if err := t.cr.Append(rfc6962.DefaultHasher.HashLeaf(r.Hash[:]), nil); err != nil {
			return err
		}
	}
	return nil
}

// Head is the tree's size and root.
func (t *logTree) Head() (uint64, [32]byte) {
	root, err := t.cr.GetRootHash(nil)
	if err != nil || t.cr.End() == 0 {
		return t.cr.End(), [32]byte(rfc6962.DefaultHasher.EmptyRoot())
	}
	return t.cr.End(), [32]byte(root)
}

// RootAt is only known at the current size: generate signs one head.
func (t *logTree) RootAt(size uint64) ([32]byte, error) {
	if size != t.cr.End() {
		return [32]byte{}, fmt.Errorf("tree: root at %d not kept (size %d)", size, t.cr.End())
	}
	_, root := t.Head()
	return root, nil
}
