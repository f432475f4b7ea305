package calendar

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func day(s string) Day {
	d, err := parseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestShippedCalendarKnowsHolidaysAndWorkedWeekends(t *testing.T) {
	c := New(Shipped()...)
	if !c.Covers(2025) || !c.Covers(2026) {
		t.Fatalf("shipped years %v, want 2025 and 2026", c.Years())
	}
	for _, tc := range []struct {
		day     string
		working bool
	}{
		{"2026-02-13", true},  // Friday before the Spring Festival
		{"2026-02-14", true},  // Saturday worked in its place
		{"2026-02-16", false}, // Monday of the Spring Festival
		{"2026-02-23", false}, // its last day
		{"2026-02-24", true},
		{"2026-02-28", true}, // Saturday worked
		{"2026-03-01", false},
		{"2026-10-01", false},
		{"2026-10-07", false},
		{"2026-10-10", true}, // Saturday worked
		{"2026-09-20", true}, // Sunday worked
		{"2025-10-08", false},
		{"2025-10-11", true},
		{"2025-01-01", false},
		{"2025-12-31", true},
	} {
		if got := c.WorkingDay(day(tc.day)); got != tc.working {
			t.Errorf("%s working = %v, want %v", tc.day, got, tc.working)
		}
	}
}

func TestAddWorkingDaysSkipsTheNationalDayWeek(t *testing.T) {
	c := New(Shipped()...)
	start := time.Date(2026, 9, 30, 10, 0, 0, 0, China)
	got := c.AddWorkingDays(start, 10)
	// Oct 1-7 off; Oct 8, 9, 10 (a worked Saturday), 12-16, 19, 20.
	if want := time.Date(2026, 10, 20, 10, 0, 0, 0, China); !got.Equal(want) {
		t.Errorf("10 working days after %v = %v, want %v", start, got, want)
	}
	// Weekends only counts Oct 1-2, 5-9, 12-14: seven days earlier.
	if weekendsOnly := New().AddWorkingDays(start, 10); !weekendsOnly.Equal(time.Date(2026, 10, 14, 10, 0, 0, 0, China)) {
		t.Errorf("weekends only = %v", weekendsOnly)
	}
}

func TestAddWorkingDaysCountsChineseDatesOfAUTCInstant(t *testing.T) {
	c := New(Shipped()...)
	// 2026-02-13 20:00 UTC is already Saturday the 14th in China, a worked
	// day; the day itself does not count, so one working day later is
	// Tuesday the 24th in China, after the Spring Festival, at the same
	// time of day (04:00 in China).
	start := time.Date(2026, 2, 13, 20, 0, 0, 0, time.UTC)
	if got, want := c.AddWorkingDays(start, 1), time.Date(2026, 2, 24, 4, 0, 0, 0, China); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("one working day after %v = %v, want %v", start, got, want)
	}
}

func TestADroppedInYearFileExtendsTheCalendar(t *testing.T) {
	dir := fstest.MapFS{
		"2027.txt":  {Data: []byte("# next year\noff 2027-01-01 元旦\nwork 2027-01-02 调休\n")},
		"README.md": {Data: []byte("not a year")},
	}
	ys, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := New(append(Shipped(), ys...)...)
	if !c.Covers(2027) || c.WorkingDay(day("2027-01-01")) || !c.WorkingDay(day("2027-01-02")) {
		t.Errorf("2027 not applied: covers %v", c.Years())
	}
}

func TestParseYearRefusesMalformedLines(t *testing.T) {
	for name, text := range map[string]string{
		"bad date":             "off 2026-02-30 x",
		"another year":         "off 2025-12-31 x",
		"unknown kind":         "holiday 2026-01-01 x",
		"no name":              "off 2026-01-01",
		"range of work":        "work 2026-01-03..2026-01-04 x",
		"range backwards":      "off 2026-01-05..2026-01-03 x",
		"both off and working": "off 2026-01-03 x\nwork 2026-01-03 y",
	} {
		if _, err := ParseYear(2026, strings.NewReader(text)); err == nil {
			t.Errorf("%s: %q accepted", name, text)
		}
	}
}
