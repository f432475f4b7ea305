package main

import (
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		info, _ := d.Info()
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		dst, err := os.OpenFile(filepath.Join(to, rel), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
		if err != nil {
			return err
		}
		_, err = io.Copy(dst, src)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func logHead(t *testing.T, data string) uint64 {
	t.Helper()
	var head uint64
	withDB(t, data, func(db *sql.DB) {
		if err := db.QueryRow("SELECT MAX(position) FROM events").Scan(&head); err != nil {
			t.Fatal(err)
		}
	})
	return head
}

// withDB opens a copy's ledger with plain database/sql, as someone
// tampering with it would.
func withDB(t *testing.T, data string, fn func(db *sql.DB)) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(data, ledgerFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func dataAt(t *testing.T, db *sql.DB, pos uint64) string {
	t.Helper()
	var s string
	if err := db.QueryRow("SELECT data FROM events WHERE position = ?", pos).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
