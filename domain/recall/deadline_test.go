package recall_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/recall"
)

func TestDeadlines(t *testing.T) {
	// Friday 2026-11-20 10:00 UTC.
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		level               recall.Level
		startBy, completeBy string
	}{
		{1, "2026-11-21T10:00:00Z", "2026-12-04T10:00:00Z"},
		{2, "2026-11-22T10:00:00Z", "2026-12-18T10:00:00Z"},
		{3, "2026-11-23T10:00:00Z", "2027-01-01T10:00:00Z"},
	}
	for _, c := range cases {
		s, e := c.level.Deadlines(start)
		if got := s.Format(time.RFC3339); got != c.startBy {
			t.Errorf("level %d start by %s, want %s", c.level, got, c.startBy)
		}
		if got := e.Format(time.RFC3339); got != c.completeBy {
			t.Errorf("level %d complete by %s, want %s", c.level, got, c.completeBy)
		}
	}
	if _, err := recall.ParseLevel(4); err == nil {
		t.Fatal("level 4 accepted")
	}
}
