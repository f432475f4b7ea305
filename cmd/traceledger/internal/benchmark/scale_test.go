package benchmark

import (
	"os"
	"testing"
)

func TestScaleFiguresNameTheLedgerBySize(t *testing.T) {
	for n, want := range map[int]string{10_000_000: "10m", 1_000_074: "1m", 200_097: "200k", 640: "640"} {
		if got := scaleLabel(n); got != want {
			t.Errorf("scaleLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestResidentMemoryIsReadFromProc(t *testing.T) {
	mb, err := rssMB(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if mb < 1 || mb > 64*1024 {
		t.Fatalf("this test's RSS read as %.1f MB", mb)
	}
}
