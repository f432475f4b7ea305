package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/traceledger/traceledger/adapters/authstore"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// runToken manages bearer tokens: grants and revocations are events of the
// access log (see openAccessStore), so every server on the store accepts a
// new token and refuses a revoked one at once. While a server holds the
// embedded access log, they go to tokens.db, which that server reads at once
// and moves into the log.
//
//	traceledger token create --role ROLE [--enterprise USCC]
//	traceledger token list
//	traceledger token revoke ID
func runToken(ctx context.Context, e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: traceledger token create|list|revoke [flags]")
		return exitUsage
	}
	fs := newFlagSet("token "+args[0], e)
	var role, uscc *string
	switch args[0] {
	case "create":
		role = fs.String("role", "", "role of the token: regulator, analyst, enterprise or admin")
		uscc = fs.String("enterprise", "", "USCC of the enterprise an enterprise token acts for")
	case "list", "revoke":
	default:
		fmt.Fprintf(e.stderr, "traceledger token: unknown command %q (want create, list or revoke)\n", args[0])
		return exitUsage
	}
	cfg, code, ok := parseConfig(fs, e, args[1:])
	if !ok {
		return code
	}
	store, closeStore, err := openTokens(ctx, e, cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger token: %v\n", err)
		return exitFailure
	}
	defer closeStore()
	switch args[0] {
	case "create":
		return tokenCreate(ctx, e, store, *role, *uscc)
	case "list":
		return tokenList(ctx, e, store)
	default:
		if fs.NArg() != 1 {
			fmt.Fprintln(e.stderr, "usage: traceledger token revoke ID")
			return exitUsage
		}
		if err := store.Revoke(ctx, fs.Arg(0)); err != nil {
			fmt.Fprintf(e.stderr, "traceledger token revoke: %v\n", err)
			return exitFailure
		}
		fmt.Fprintf(e.stderr, "revoked %s\n", fs.Arg(0))
		return exitOK
	}
}

// tokenCreate prints the new token alone on stdout, for scripts
// (TOKEN=$(traceledger token create ...)), and its id on stderr.
func tokenCreate(ctx context.Context, e env, store tokenStore, role, uscc string) int {
	r, err := access.ParseRole(role)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger token create: --role: %v\n", err)
		return exitUsage
	}
	token, err := store.Create(ctx, r, uscc)
	switch {
	case errors.Is(err, domain.ErrInvalid):
		fmt.Fprintf(e.stderr, "traceledger token create: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(e.stderr, "traceledger token create: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(e.stdout, token)
	fmt.Fprintf(e.stderr, "created %s token %s (shown once; only its hash is stored)\n", r, authstore.ID(token))
	return exitOK
}

func tokenList(ctx context.Context, e env, store tokenStore) int {
	list, err := store.List(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger token list: %v\n", err)
		return exitFailure
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tROLE\tUSCC\tCREATED\tSTATUS")
	for _, t := range list {
		status := "active"
		if t.Revoked {
			status = "revoked " + t.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Role, t.USCC, t.CreatedAt.Format(time.RFC3339), status)
	}
	if err := tw.Flush(); err != nil {
		return exitFailure
	}
	return exitOK
}

// tokenStore is what the token commands need: authstore.Ledger, or
// authstore.Offline while a server holds the embedded ledger.
type tokenStore interface {
	Create(ctx context.Context, role access.Role, uscc string) (string, error)
	List(ctx context.Context) ([]authstore.Token, error)
	Revoke(ctx context.Context, id string) error
}

// openTokens opens the tokens for the CLI: through the access log when it
// can write it, through tokens.db beside the access log read-only when a
// running server holds it.
func openTokens(ctx context.Context, e env, cfg Config) (tokenStore, func(), error) {
	file, err := authstore.Open(ctx, filepath.Join(cfg.Data, tokensFile), authstore.Options{})
	if err != nil {
		return nil, nil, err
	}
	store, err := openAccessStore(ctx, cfg)
	if errors.Is(err, sqlite.ErrInUse) {
		ro, err := sqlite.OpenReadOnly(ctx, filepath.Join(cfg.Data, accessFile))
		if err != nil {
			file.Close()
			return nil, nil, err
		}
		fmt.Fprintln(e.stderr, "the access log is held by a running server: tokens.db carries this change to it")
		return authstore.NewOffline(ro, file), func() { ro.Close(); file.Close() }, nil
	}
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	closeAll := func() { store.Close(); file.Close() }
	l := authstore.NewLedger(store, command.NewHandlers(store, command.Options{}), file)
	if err := l.Import(ctx); err != nil {
		closeAll()
		return nil, nil, err
	}
	return l, closeAll, nil
}
