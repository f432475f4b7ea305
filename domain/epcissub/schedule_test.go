package epcissub

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain"
)

func TestAScheduleRunsAtItsNextMatchingTime(t *testing.T) {
	at := time.Date(2026, 12, 4, 18, 0, 0, 0, Zone) // a Friday
	for _, c := range []struct {
		name string
		s    Schedule
		want time.Time
	}{
		{"every morning at 1.05", Schedule{Hour: "1", Minute: "5"}, time.Date(2026, 12, 5, 1, 5, 0, 0, Zone)},
		{"every second", Schedule{Second: "[0-59]"}, at.Add(time.Second)},
		{"start of every minute", Schedule{Minute: "[0-59]"}, at.Add(time.Minute)},
		{"Mondays at noon", Schedule{DayOfWeek: "1", Hour: "12"}, time.Date(2026, 12, 7, 12, 0, 0, 0, Zone)},
		{"the 1st and 15th", Schedule{DayOfMonth: "1,15", Hour: "0"}, time.Date(2026, 12, 15, 0, 0, 0, 0, Zone)},
	} {
		if got := c.s.Next(at); !got.Equal(c.want) {
			t.Errorf("%s: Next = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestAScheduleNamesItsBadField(t *testing.T) {
	for _, s := range []Schedule{{}, {Minute: "60"}, {Hour: "[5-1]"}, {DayOfWeek: "0"}, {Second: "*/5"}} {
		if err := s.Check(); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("Check(%+v) = %v, want invalid", s, err)
		}
	}
}
