package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/traceledger/traceledger/adapters/audit"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/history"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
)

// runExport is `traceledger export --item CODE > bundle.json`: one item's
// history as a self-contained bundle (its events with every hashed field,
// the hash before each, their inclusion proofs, the latest signed
// checkpoint and the verifier key) that `traceledger verify --bundle`
// checks on another machine. Like trace, it reads the log read-only and
// folds what it needs in memory, so it works beside a running server.
func runExport(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("export", e)
	item := fs.String("item", "", "the item: its GS1 Digital Link, the link's path or its SGTIN")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	if fs.NArg() > 0 || *item == "" {
		fmt.Fprintln(e.stderr, "traceledger export: want --item CODE and no arguments")
		return exitUsage
	}
	b, omitted, err := exportItem(ctx, cfg, *item)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger export: %v\n", err)
		return exitFailure
	}
	if omitted > 0 {
		fmt.Fprintf(e.stderr, "traceledger export: %d newer events of the item are not under the latest checkpoint yet and are left out\n", omitted)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		fmt.Fprintf(e.stderr, "traceledger export: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// exportItem folds the history and the tree, checks the tree against the
// latest kept checkpoint, and bundles the item's events it covers.
func exportItem(ctx context.Context, cfg Config, code string) (audit.Bundle, int, error) {
	key, err := notary.LoadKey(ledgerKeyPath(cfg))
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	msg, ok, err := notary.LastInArchive(filepath.Join(cfg.Data, notary.ArchiveDir))
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	if !ok {
		return audit.Bundle{}, 0, fmt.Errorf("no signed checkpoint in %s yet: serve signs one within a second of the log growing", cfg.Data)
	}
	head, err := notary.Open(msg, key.Verifier())
	if err != nil {
		return audit.Bundle{}, 0, fmt.Errorf("latest checkpoint: %w", err)
	}
	store, err := sqlite.OpenReadOnly(ctx, filepath.Join(cfg.Data, ledgerFile))
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	defer store.Close()
	// A one-off fold: the history model's store is kept in memory.
	disk, err := modelstore.Open("", modelstore.Options{})
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	defer disk.Close()
	hist, err := history.New(disk.Model("history"))
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	tree := merkle.New("")
	if _, err := runner.Rebuild(ctx, store, "", nil, hist, tree); err != nil {
		return audit.Bundle{}, 0, fmt.Errorf("fold the log: %w", err)
	}
	if root, err := tree.RootAt(head.Size); err != nil || root != head.Root {
		return audit.Bundle{}, 0, fmt.Errorf("the log does not match its latest checkpoint (tree size %d): run traceledger verify", head.Size)
	}
	k, err := itemKey(ctx, hist, code)
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	positions, ok, err := hist.Item(ctx, k)
	if err != nil {
		return audit.Bundle{}, 0, err
	}
	if !ok {
		return audit.Bundle{}, 0, fmt.Errorf("no item %s/%s/%s is labelled", k.GTIN, k.Lot, k.Serial)
	}
	covered := positions[:0:0]
	for _, p := range positions {
		if p <= head.Size {
			covered = append(covered, p)
		}
	}
	b, err := audit.BuildBundle(ctx, code, covered, store, tree, head, key.VerifierKey())
	return b, len(positions) - len(covered), err
}

// itemKey reads an item code; an SGTIN names no lot, found by serial.
func itemKey(ctx context.Context, hist *history.Projection, code string) (query.ItemKey, error) {
	c, err := ident.ParseItemCode(code)
	if err != nil {
		return query.ItemKey{}, fmt.Errorf("--item: %w", err)
	}
	k := query.ItemKey{GTIN: c.GTIN.String(), Lot: c.Lot.String(), Serial: c.Serial.String()}
	if !c.Lot.IsZero() {
		return k, nil
	}
	lots, err := hist.LotsOf(ctx, k.GTIN, k.Serial)
	if err != nil {
		return k, err
	}
	switch len(lots) {
	case 1:
		k.Lot = lots[0]
		return k, nil
	case 0:
		return k, fmt.Errorf("no item of GTIN %s has serial %s", k.GTIN, k.Serial)
	default:
		return k, fmt.Errorf("serial %s of GTIN %s is on items of lots %v: give the item's Digital Link", k.Serial, k.GTIN, lots)
	}
}
