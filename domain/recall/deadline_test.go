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

// TestDeadlinesSkipTheNationalDayHolidays: a level-1 recall started the day
// before the National Day week has ten Chinese working days to finish: the
// holiday week does not count, the Saturday worked in its place does.
func TestDeadlinesSkipTheNationalDayHolidays(t *testing.T) {
	start := time.Date(2026, 9, 30, 2, 0, 0, 0, time.UTC) // 10:00 in China
	_, completeBy := recall.Level(1).Deadlines(start)
	if want := time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC); !completeBy.Equal(want) {
		t.Errorf("complete by %v, want %v (Oct 8, 9, 10, 12-16, 19, 20)", completeBy, want)
	}
}
