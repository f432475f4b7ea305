package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/audit"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/projections/merkle"
)

// runVerify is `traceledger verify [--key KEY]`: it checks a data
// directory's whole log (each event's hash from its stored bytes, the chain,
// the Merkle tree) against every checkpoint the ledger signed, read-only so
// it works beside a running server. `traceledger verify --bundle FILE --key
// KEY` checks an exported bundle offline, with no data directory. Either
// exits 0 when everything holds and 1 naming the first bad position.
func runVerify(ctx context.Context, e env, args []string) int {
	fs := newFlagSet("verify", e)
	bundle := fs.String("bundle", "", "check this exported bundle offline instead of a data directory")
	key := fs.String("key", "", "the ledger's note verifier key, or a file holding it (required with --bundle; "+
		"for a data directory the default is the key derived from its ledger key)")
	cf := registerConfigFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "traceledger verify: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *bundle != "" {
		return verifyBundleFile(e, *bundle, *key)
	}
	return verifyDataDir(ctx, e, cf.config(e.getenv), *key)
}

// ledgerKeyPath is the ledger's signer key file: <data>/ledger.key, or the
// configured --ledger-key (TRACELEDGER_LEDGER_KEY) once config.go has it.
func ledgerKeyPath(cfg Config) string {
	if cfg.LedgerKey != "" {
		return cfg.LedgerKey
	}
	return filepath.Join(cfg.Data, notary.KeyFile)
}

// merkleDir is where serve keeps the Merkle tree's level files, beside the
// read models' snapshots.
func merkleDir(cfg Config) string { return filepath.Join(modelsPath(cfg), "merkle") }

// ledgerVerifier is the verifier of --key, or of the data directory's key.
func ledgerVerifier(cfg Config, key string) (note.Verifier, error) {
	if key != "" {
		return notary.ReadVerifierKey(key)
	}
	k, err := notary.LoadKey(ledgerKeyPath(cfg))
	if err != nil {
		return nil, fmt.Errorf("%w (pass the ledger's verifier key with --key)", err)
	}
	return k.Verifier(), nil
}

// verifyDataDir audits a data directory's log and kept checkpoints.
func verifyDataDir(ctx context.Context, e env, cfg Config, key string) int {
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(e.stderr, "traceledger verify: "+format+"\n", args...)
		return code
	}
	path := filepath.Join(cfg.Data, ledgerFile)
	if _, err := os.Stat(path); err != nil {
		return fail(exitUsage, "no ledger in %s: %v", cfg.Data, err)
	}
	v, err := ledgerVerifier(cfg, key)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	defer store.Close()
	notes, err := notary.ReadArchive(filepath.Join(cfg.Data, notary.ArchiveDir))
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	cps, err := audit.OpenCheckpoints(notes, v)
	if err != nil {
		return fail(exitFailure, "FAILED: %v", err)
	}
	var recorded audit.Recorded
	if leaves, err := merkle.OpenLeafFile(merkleDir(cfg)); err == nil {
		defer leaves.Close()
		recorded = leaves
	}
	rep, err := audit.VerifyLog(ctx, store, cps, recorded)
	if err != nil {
		return fail(exitFailure, "FAILED at %v", err)
	}
	fmt.Fprintf(e.stdout, "ok: %d events: each hash recomputed from its stored bytes, the chain holds\n", rep.Events)
	fmt.Fprintf(e.stdout, "ok: Merkle tree of %d leaves recomputed, root %x\n", rep.Events, rep.Root)
	if rep.Latest == nil {
		return fail(exitFailure, "FAILED: no signed checkpoint is kept in %s: nothing signed to check the log against "+
			"(serve signs one every second while the log grows)", filepath.Join(cfg.Data, notary.ArchiveDir))
	}
	l := rep.Latest
	fmt.Fprintf(e.stdout, "ok: %d kept checkpoints verify with %s and match the log; the latest covers %d of %d events, root %x\n",
		rep.Checkpoints, v.Name(), l.Size, rep.Events, l.Root)
	if rep.Diverged != 0 {
		// Every signed head holds, so this is not proof of tampering; but
		// the server's tree saw another event here, which someone should
		// look at.
		fmt.Fprintf(e.stderr, "traceledger verify: warning: position %d differs from the leaf the server's tree recorded in %s\n",
			rep.Diverged, merkleDir(cfg))
	}
	return exitOK
}

// verifyBundleFile checks a bundle with a verifier key given on the
// command line: never with the key the bundle carries, which whoever
// forged the bundle would have chosen.
func verifyBundleFile(e env, path, key string) int {
	if key == "" {
		fmt.Fprintln(e.stderr, "traceledger verify: --bundle needs --key: the ledger's verifier key (GET /api/v1/ledger/head answers it), or a file holding it")
		return exitUsage
	}
	v, err := notary.ReadVerifierKey(key)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger verify: --key: %v\n", err)
		return exitUsage
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger verify: %v\n", err)
		return exitFailure
	}
	var b audit.Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		fmt.Fprintf(e.stderr, "traceledger verify: %s: %v\n", path, err)
		return exitFailure
	}
	head, err := audit.VerifyBundle(b, v)
	if err != nil {
		fmt.Fprintf(e.stderr, "traceledger verify: FAILED: bundle %s: %v\n", path, err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "ok: %d events of item %s: each hashes to its hash and is in the log %s of %d events, root %s, whose checkpoint verifies with the given key\n",
		len(b.Events), b.Item, head.Origin, head.Size, hex.EncodeToString(head.Root[:]))
	return exitOK
}
