package notary_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/notary"
)

func b64(h [32]byte) string { return base64.StdEncoding.EncodeToString(h[:]) }

// Thousands of kept checkpoints read back in order; the newest is found
// from the tail alone; a line torn by a crash is cut before the next.
func TestArchiveKeepsEveryCheckpointAndSurvivesATornLine(t *testing.T) {
	s := newSetup(t)
	dir := filepath.Join(s.dir, notary.ArchiveDir)
	a, err := notary.OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for size := uint64(1); size <= n; size++ {
		sig, err := s.key.Sign(size, rootOf(size, ""))
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Append(sig, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	f, _ := os.OpenFile(filepath.Join(dir, "checkpoints.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"note":"torn`)
	f.Close()

	last, ok, err := notary.LastInArchive(dir)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if c, err := notary.Open(last, s.key.Verifier()); err != nil || c.Size != n {
		t.Fatalf("last: %+v %v", c.Checkpoint, err)
	}
	a, err = notary.OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := s.key.Sign(n+1, rootOf(n+1, ""))
	if err := a.Append(sig, time.Now()); err != nil {
		t.Fatal(err)
	}
	a.Close()
	notes, err := notary.ReadArchive(dir)
	if err != nil || len(notes) != n+1 {
		t.Fatalf("%d notes, %v", len(notes), err)
	}
	for i, msg := range notes {
		if c, err := notary.Open(msg, s.key.Verifier()); err != nil || c.Size != uint64(i+1) {
			t.Fatalf("note %d: %+v %v", i, c.Checkpoint, err)
		}
	}
}

// The checkpoint text is exactly the C2SP form, and only that form parses.
func TestCheckpointFormat(t *testing.T) {
	root := rootOf(7, "")
	c := notary.Checkpoint{Origin: "example.org/log", Size: 7, Root: root}
	if got, want := string(c.Body()), "example.org/log\n7\n"+b64(root)+"\n"; got != want {
		t.Fatalf("body %q, want %q", got, want)
	}
	if back, err := notary.ParseCheckpoint(append(c.Body(), "ext line\n"...)); err != nil || back != c {
		t.Fatalf("parse: %+v %v", back, err)
	}
	for _, bad := range []string{"", "o\n7\n", "o\n07\n" + b64(root) + "\n", "o\n7\n" + b64(root), "\n7\n" + b64(root) + "\n", "o\n7\nAAAA\n"} {
		if _, err := notary.ParseCheckpoint([]byte(bad)); err == nil {
			t.Errorf("parsed %q", bad)
		}
	}
}

// An operator lists the newest checkpoints from the archive's tail, newest
// first, with the size and root each signed.
func TestRecentCheckpointsAreTheNewestFirst(t *testing.T) {
	s := newSetup(t)
	dir := filepath.Join(s.dir, notary.ArchiveDir)
	a, err := notary.OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	for size := uint64(1); size <= 300; size++ {
		sig, _ := s.key.Sign(size, rootOf(size, ""))
		if err := a.Append(sig, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	recent, err := notary.RecentInArchive(dir, 5)
	if err != nil || len(recent) != 5 {
		t.Fatalf("recent = %d, %v", len(recent), err)
	}
	for i, k := range recent {
		if want := uint64(300 - i); k.Size != want || k.Root != rootOf(want, "") || k.SignedAt.IsZero() {
			t.Errorf("recent[%d] = size %d, want %d with its root", i, k.Size, want)
		}
	}
	if none, err := notary.RecentInArchive(t.TempDir(), 5); err != nil || len(none) != 0 {
		t.Errorf("no archive: %v %v", none, err)
	}
}
