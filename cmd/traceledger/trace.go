package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/modelstore"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// runTrace is `traceledger trace --gtin G --lot L [--direction
// downstream|upstream] [--json]`: it reads the log itself (read-only, so it
// works beside a running server and needs no snapshot), folds the trace
// model in memory, and prints the batch's trace as tables or as the API's
// JSON.
func runTrace(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("trace", e)
	gtin := fs.String("gtin", "", "the batch's GTIN (8, 12, 13 or 14 digits)")
	lot := fs.String("lot", "", "the batch's lot")
	direction := fs.String("direction", query.Downstream, "downstream (where every unit is now) or upstream (where the batch came from)")
	asJSON := fs.Bool("json", false, "print the API's JSON answer instead of tables")
	cfg, code, ok := parseConfig(fs, e, args)
	if !ok {
		return code
	}
	g, gerr := ident.ParseGTIN(*gtin)
	l, lerr := ident.ParseLot(*lot)
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(e.stderr, "traceledger trace: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	case gerr != nil:
		fmt.Fprintf(e.stderr, "traceledger trace: --gtin: %v\n", gerr)
		return exitUsage
	case lerr != nil:
		fmt.Fprintf(e.stderr, "traceledger trace: --lot: %v\n", lerr)
		return exitUsage
	case *direction != query.Downstream && *direction != query.Upstream:
		fmt.Fprintf(e.stderr, "traceledger trace: --direction %q: want downstream or upstream\n", *direction)
		return exitUsage
	}
	t, err := traceBatch(ctx, filepath.Join(cfg.Data, ledgerFile), g.String(), l.String(), *direction)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger trace: %v\n", err)
		return exitFailure
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(t); err != nil {
			fmt.Fprintf(e.stderr, "traceledger trace: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	printTrace(e.stdout, t)
	return exitOK
}

// traceBatch folds the whole log into a trace model and the enterprise
// directory (for names), then answers the batch's trace in the given
// direction.
func traceBatch(ctx context.Context, path, gtin, lot, direction string) (query.TraceGraph, error) {
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return query.TraceGraph{}, err
	}
	defer store.Close()
	// A one-off fold: the trace model in a store in memory.
	disk, err := modelstore.Open("", modelstore.Options{})
	if err != nil {
		return query.TraceGraph{}, err
	}
	defer disk.Close()
	tr, err := trace.Open(disk)
	if err != nil {
		return query.TraceGraph{}, err
	}
	dir := directory.New()
	if _, err := runner.Rebuild(ctx, store, "", nil, tr, dir); err != nil {
		return query.TraceGraph{}, fmt.Errorf("fold the log: %w", err)
	}
	if direction == query.Upstream {
		return tr.Upstream(ctx, gtin, lot, dir.Names())
	}
	return tr.Downstream(ctx, gtin, lot, dir.Names())
}

// printTrace prints the batch, its holders, its moves and, upstream, its
// origin, as aligned tables.
func printTrace(w io.Writer, t query.TraceGraph) {
	b := t.Batch
	fmt.Fprintf(w, "Batch %s / %s (%s)\n", t.GTIN, t.Lot, t.Direction)
	fmt.Fprintf(w, "  owner %s %s, origin %s, quantity %d, produced %s, expires %s", b.OwnerUSCC, b.OwnerName, b.OriginCountry, b.Quantity, b.ProducedOn, b.ExpiresOn)
	if b.Customs != "" {
		fmt.Fprintf(w, ", customs %s", b.Customs)
	}
	for _, r := range b.Recalls {
		fmt.Fprintf(w, ", recall %s (level %d)", r.RecallID, r.Level)
	}
	fmt.Fprintln(w)
	if up := t.Upstream; up != nil {
		printOrigin(w, up)
	}
	fmt.Fprintln(w, "\nWhere the units are now (each unit once):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "HOLDER\tIN STOCK\tIN TRANSIT\tSOLD\tRETURNED\tDESTROYED\tNAME\t")
	for _, h := range t.Holders {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", h.USCC, h.InStock, h.InTransit, h.Sold, h.Returned, h.Destroyed, h.Name)
	}
	x := t.Totals
	fmt.Fprintf(tw, "total of %d\t%d\t%d\t%d\t%d\t%d\t\t\n", x.Quantity, x.InStock, x.InTransit, x.Sold, x.Returned, x.Destroyed)
	tw.Flush()
	fmt.Fprintln(w, "\nMoves:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FROM\tTO\tKIND\tUNITS\tSHIPMENTS\tFIRST\tLAST")
	for _, e := range t.Edges {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", e.From, e.To, e.Kind, e.Units, len(e.Shipments), stamp(e.FirstAt), stamp(e.LastAt))
	}
	tw.Flush()
}

func printOrigin(w io.Writer, up *query.TraceOrigin) {
	fmt.Fprintf(w, "\nSource: %s %s %s, registered %s; origin %s\n", up.Source.Role, up.Source.USCC, up.Source.Name, stamp(up.Source.RegisteredAt), up.OriginCountry)
	for _, c := range up.Customs {
		fmt.Fprintf(w, "Customs declaration %s at %s by %s, %d units (HS %s, origin %s), declared %s", c.DeclarationNo, c.Port, c.ImporterUSCC, c.Quantity, c.HSCode, c.OriginCountry, stamp(c.DeclaredAt))
		for _, in := range c.Inspections {
			fmt.Fprintf(w, "; inspection %s %s", in.Result, in.Findings)
		}
		if c.Decision != "" {
			fmt.Fprintf(w, "; %s %s", c.Decision, c.Reason)
		}
		fmt.Fprintln(w)
	}
	for _, in := range up.MarketInspections {
		fmt.Fprintf(w, "Market inspection at %s %s: %s %s (%s)\n", in.USCC, in.Name, in.Result, in.Findings, stamp(in.At))
	}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
