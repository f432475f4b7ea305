package epcissub

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// Schedule is the binding's query schedule, as cron is: each field a list
// of values and ranges ("5", "1,15", "[1-5]", "[0-59]"). A field left
// empty is any value when a finer field is given and its first value
// otherwise, so {"hour": "1", "minute": "5"} runs at 01:05:00 every day
// and {"minute": "[0-59]"} at the start of every minute. Times are the
// ledger's zone (China Standard Time, UTC+8).
type Schedule struct {
	Second     string `json:"second,omitempty"`
	Minute     string `json:"minute,omitempty"`
	Hour       string `json:"hour,omitempty"`
	DayOfMonth string `json:"dayOfMonth,omitempty"`
	Month      string `json:"month,omitempty"`
	DayOfWeek  string `json:"dayOfWeek,omitempty"`
}

// Zone is the zone schedules are read in.
var Zone = time.FixedZone("CST", 8*3600)

// fields are a schedule's fields from the finest, with their ranges
// (dayOfWeek: 1 Monday to 7 Sunday, as ISO 8601 and the binding count).
func (s Schedule) fields() []struct {
	name, value string
	lo, hi      int
} {
	return []struct {
		name, value string
		lo, hi      int
	}{{"second", s.Second, 0, 59}, {"minute", s.Minute, 0, 59}, {"hour", s.Hour, 0, 23},
		{"dayOfMonth", s.DayOfMonth, 1, 31}, {"month", s.Month, 1, 12}, {"dayOfWeek", s.DayOfWeek, 1, 7}}
}

// plan is a parsed schedule: the values each field matches.
type plan struct {
	second, minute, hour []int
	dayOfMonth, month    map[int]bool
	dayOfWeek            map[int]bool
}

// Check refuses a schedule that sets no field or a field that is not a
// list of values and ranges within the field's bounds.
func (s Schedule) Check() error {
	_, err := s.plan()
	return err
}

func (s Schedule) plan() (plan, error) {
	fs := s.fields()
	finest := -1
	for i, f := range fs {
		if f.value != "" && finest < 0 {
			finest = i
		}
	}
	if finest < 0 {
		return plan{}, domain.Invalid("schedule", "sets_no_field_give_at", "sets no field: give at least one of second, minute, hour, dayOfMonth, month, dayOfWeek")
	}
	vals := make([][]int, len(fs))
	for i, f := range fs {
		switch {
		case f.value != "":
			v, err := parseField(f.value, f.lo, f.hi)
			if err != nil {
				return plan{}, domain.Invalid("schedule."+f.name, "must_values_and_ranges_from", "must be values and ranges from %d to %d, e.g. 5, 1,15 or [1-5]", f.lo, f.hi)
			}
			vals[i] = v
		case i < finest && i < 3:
			vals[i] = []int{f.lo}
		default:
			vals[i] = nil // any
		}
	}
	set := func(v []int) map[int]bool {
		if v == nil {
			return nil
		}
		m := map[int]bool{}
		for _, x := range v {
			m[x] = true
		}
		return m
	}
	all := func(v []int, lo, hi int) []int {
		if v != nil {
			return v
		}
		for x := lo; x <= hi; x++ {
			v = append(v, x)
		}
		return v
	}
	return plan{second: all(vals[0], 0, 59), minute: all(vals[1], 0, 59), hour: all(vals[2], 0, 23),
		dayOfMonth: set(vals[3]), month: set(vals[4]), dayOfWeek: set(vals[5])}, nil
}

func parseField(v string, lo, hi int) ([]int, error) {
	if len(v) > 100 {
		return nil, strconv.ErrRange
	}
	var out []int
	for _, part := range strings.Split(v, ",") {
		a, b := part, part
		if inner, ok := strings.CutPrefix(part, "["); ok {
			inner, ok = strings.CutSuffix(inner, "]")
			if !ok {
				return nil, strconv.ErrSyntax
			}
			if a, b, ok = strings.Cut(inner, "-"); !ok {
				return nil, strconv.ErrSyntax
			}
		}
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || x < lo || y > hi || x > y {
			return nil, strconv.ErrSyntax
		}
		for n := x; n <= y; n++ {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Next is the first time after t the schedule runs (zero if none within
// eight years: e.g. 31 February).
func (s Schedule) Next(t time.Time) time.Time {
	p, err := s.plan()
	if err != nil {
		return time.Time{}
	}
	t = t.In(Zone)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Zone)
	for range 366 * 8 {
		wd := int(day.Weekday())
		if wd == 0 {
			wd = 7
		}
		if (p.dayOfMonth == nil || p.dayOfMonth[day.Day()]) && (p.month == nil || p.month[int(day.Month())]) && (p.dayOfWeek == nil || p.dayOfWeek[wd]) {
			for _, h := range p.hour {
				for _, m := range p.minute {
					for _, sec := range p.second {
						at := time.Date(day.Year(), day.Month(), day.Day(), h, m, sec, 0, Zone)
						if at.After(t) {
							return at
						}
					}
				}
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}
}
