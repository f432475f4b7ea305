package event_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/event"
)

// ParseTime's quick path must give exactly what time.Parse gives.
func TestParseTimeReadsWhatFormatTimeWritesAsTimeParseDoes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []time.Time{
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC),
		time.Date(2024, 2, 29, 23, 59, 59, 999999000, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 1, time.UTC),
		time.Date(2026, 5, 6, 7, 8, 9, 100, time.FixedZone("CST", 8*3600)),
	}
	for range 2000 {
		cases = append(cases, time.Unix(r.Int64N(4e9), r.Int64N(1e9)))
	}
	for _, c := range cases {
		s := event.FormatTime(c)
		want, werr := time.Parse(time.RFC3339Nano, s)
		got, err := event.ParseTime(s)
		if err != nil || werr != nil || got != want {
			t.Fatalf("%s: got %v (%v), time.Parse %v (%v)", s, got, err, want, werr)
		}
	}
	for _, s := range []string{"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:60Z",
		"2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+08:00", "x"} {
		want, werr := time.Parse(time.RFC3339Nano, s)
		got, err := event.ParseTime(s)
		if (err == nil) != (werr == nil) || got != want {
			t.Errorf("%q: got %v (%v), time.Parse %v (%v)", s, got, err, want, werr)
		}
	}
}
