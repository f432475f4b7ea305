package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// signedDemo makes a small demo ledger (--items 300) whose tree is
// folded into <data>/projections as serve keeps it, with checkpoints kept
// at a quarter, half and all of the log. Tests that damage it work on a
// copy (copyDemo). It returns the data directory and the code of an item
// the demo sold.
func signedDemo(t *testing.T) (dir, sold string) {
	t.Helper()
	dir = t.TempDir()
	code, stdout, stderr := runArgs(t, nil, "demo", "--data", dir, "--items", "300", "--workers", "2")
	if code != exitOK {
		t.Fatalf("demo: %s", stderr)
	}
	const label = "a sold item's label code: "
	if i := strings.Index(stdout, label); i >= 0 {
		sold, _, _ = strings.Cut(stdout[i+len(label):], "\n")
	}
	if err := notarise(t, dir, 4, 2, 1); err != nil {
		t.Fatal(err)
	}
	return dir, strings.TrimSpace(sold)
}

// copyDemo copies a ledger's data directory and returns the copy and its
// head.
func copyDemo(t *testing.T, from string) (data string, head uint64) {
	t.Helper()
	data = t.TempDir()
	copyDir(t, from, data)
	return data, logHead(t, data)
}

// notarise does what serve does for the verifiable log: it folds the tree
// into <data>/projections/merkle and signs checkpoints with the ledger key,
// one at head/d for each divisor d (d = 1 is the head itself).
func notarise(t *testing.T, data string, divisors ...uint64) error {
	store, err := sqlite.OpenReadOnly(t.Context(), filepath.Join(data, ledgerFile))
	if err != nil {
		return err
	}
	defer store.Close()
	cfg := Config{Data: data}
	tree := merkle.New(merkleDir(cfg))
	defer tree.Close()
	if _, err := runner.Rebuild(t.Context(), store, modelsPath(cfg), nil, tree); err != nil {
		return err
	}
	key, err := notary.LoadOrCreateKey(ledgerKeyPath(cfg), "")
	if err != nil {
		return err
	}
	archive, err := notary.OpenArchive(filepath.Join(data, notary.ArchiveDir))
	if err != nil {
		return err
	}
	defer archive.Close()
	for _, d := range divisors {
		if d == 1 {
			n, err := notary.New(key, archive, tree)
			if err != nil {
				return err
			}
			_, err = n.Update(t.Context())
			return err
		}
		size := tree.Size() / d
		root, err := tree.RootAt(size)
		if err != nil {
			return err
		}
		s, err := key.Sign(size, root)
		if err != nil {
			return err
		}
		if err := archive.Append(s, time.Now()); err != nil {
			return err
		}
	}
	return nil
}

// verifyFails runs verify on data and wants it to fail naming position.
func verifyFails(t *testing.T, data string, position uint64, why string) {
	t.Helper()
	code, stdout, stderr := runArgs(t, nil, "verify", "--data", data)
	want := "position " + strconv.FormatUint(position, 10) + ":"
	if code != exitFailure || !strings.Contains(stderr, want) || !strings.Contains(stderr, why) {
		t.Fatalf("verify = %d\nstdout %s\nstderr %s\nwant exit 1 naming %q and %q", code, stdout, stderr, want, why)
	}
	t.Logf("verify: %s", strings.TrimSpace(stderr))
}

// The untouched demo ledger verifies; every kind of tampering with a copy
// is caught, naming the position.
func TestVerifyCatchesTampering(t *testing.T) {
	demo, _ := signedDemo(t)
	t.Run("untouched", func(t *testing.T) {
		data, head := copyDemo(t, demo)
		code, stdout, stderr := runArgs(t, nil, "verify", "--data", data)
		if code != exitOK {
			t.Fatalf("verify = %d: %s%s", code, stdout, stderr)
		}
		for _, want := range []string{fmt.Sprintf("ok: %d events", head), "3 kept checkpoints verify", fmt.Sprintf("covers %d of %d events", head, head)} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		t.Log(stdout)
	})
	t.Run("one byte of data changed", func(t *testing.T) {
		data, head := copyDemo(t, demo)
		pos := head / 3
		withDB(t, data, func(db *sql.DB) {
			b := []byte(dataAt(t, db, pos))
			i := strings.IndexAny(string(b), "0123456789")
			b[i] = '0' + (b[i]-'0'+1)%10
			mustExec(t, db, "UPDATE events SET data = ? WHERE position = ?", string(b), pos)
		})
		verifyFails(t, data, pos, "was changed")
	})
	t.Run("an event deleted", func(t *testing.T) {
		data, head := copyDemo(t, demo)
		pos := head / 2
		withDB(t, data, func(db *sql.DB) { mustExec(t, db, "DELETE FROM events WHERE position = ?", pos) })
		verifyFails(t, data, pos, "missing")
	})
	t.Run("two events' data swapped", func(t *testing.T) {
		data, head := copyDemo(t, demo)
		p, q := head/5, head-3
		withDB(t, data, func(db *sql.DB) {
			a, b := dataAt(t, db, p), dataAt(t, db, q)
			mustExec(t, db, "UPDATE events SET data = ? WHERE position = ?", b, p)
			mustExec(t, db, "UPDATE events SET data = ? WHERE position = ?", a, q)
		})
		verifyFails(t, data, p, "was changed")
	})
	t.Run("the log truncated", func(t *testing.T) {
		data, head := copyDemo(t, demo)
		withDB(t, data, func(db *sql.DB) { mustExec(t, db, "DELETE FROM events WHERE position > ?", head-10) })
		verifyFails(t, data, head-9, "missing")
	})
	t.Run("the log truncated and re-appended", func(t *testing.T) {
		// The chain of the regrown log is whole and every hash matches:
		// only the checkpoints kept from before show the rewrite, and the
		// server's own tree names where it starts.
		data, head := copyDemo(t, demo)
		cut := head/2 - 100 // between the quarter and the half checkpoints
		withDB(t, data, func(db *sql.DB) { mustExec(t, db, "DELETE FROM events WHERE position > ?", cut) })
		regrow(t, data, int(head-cut)+5)
		verifyFails(t, data, cut+1, fmt.Sprintf("not consistent with the kept checkpoint of tree size %d", head/2))

		// Without the server's tree, the checkpoints alone bound it: after
		// the last one that holds.
		if err := os.RemoveAll(merkleDir(Config{Data: data})); err != nil {
			t.Fatal(err)
		}
		verifyFails(t, data, head/4+1, "rewritten at a position from")
	})
}

// regrow appends n well-formed events through the store, hash-chained
// after the log's current end.
func regrow(t *testing.T, data string, n int) {
	t.Helper()
	store, err := sqlite.Open(t.Context(), filepath.Join(data, ledgerFile), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for i := range n {
		body, _ := json.Marshal(map[string]int{"i": i})
		p := event.Pending{ID: uuid.New(), Type: "forged.v1", Data: body}
		if _, err := store.Append(t.Context(), event.Write{Stream: "forged", Expected: event.Any, Events: []event.Pending{p}}); err != nil {
			t.Fatal(err)
		}
	}
}
