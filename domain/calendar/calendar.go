// Package calendar counts Chinese working days (工作日): Monday to Friday,
// less the official holidays, plus the weekends declared working days in
// their place (调休). The State Council publishes each year's arrangement
// late in the year before; a year is added by dropping in its file.
// Deadlines that the law counts in working days (recall completion,
// complaint handling, withdrawals) are counted here.
package calendar

import (
	"time"
)

// China is the time zone the law's days are counted in (UTC+8, no daylight
// saving), fixed so that no time zone database is needed.
var China = time.FixedZone("CST", 8*60*60)

// Day is a civil date in China.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf is the civil date in China of the instant t.
func DayOf(t time.Time) Day {
	y, m, d := t.In(China).Date()
	return Day{y, m, d}
}

func (d Day) String() string { return d.time().Format(time.DateOnly) }

func (d Day) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, China) }

// next is the day after d.
func (d Day) next() Day { return DayOf(d.time().AddDate(0, 0, 1)) }

// Calendar knows the holidays and adjusted working days of the years it
// was given; other years count Monday to Friday only, which puts a deadline
// earlier than the law's, never later.
type Calendar struct {
	off   map[Day]string
	work  map[Day]string
	years map[int]bool
}

// New is a calendar of the given years' arrangements.
func New(years ...Year) *Calendar {
	c := &Calendar{off: map[Day]string{}, work: map[Day]string{}, years: map[int]bool{}}
	for _, y := range years {
		c.years[y.Year] = true
		for d, name := range y.Off {
			c.off[d] = name
		}
		for d, name := range y.Work {
			c.work[d] = name
		}
	}
	return c
}

// Covers reports whether the arrangement of year is known.
func (c *Calendar) Covers(year int) bool { return c.years[year] }

// Years are the years whose arrangement is known, ascending.
func (c *Calendar) Years() []int {
	var ys []int
	for y := range c.years {
		ys = append(ys, y)
	}
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j] < ys[j-1]; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
	return ys
}

// WorkingDay reports whether d is a working day.
func (c *Calendar) WorkingDay(d Day) bool {
	if _, ok := c.work[d]; ok {
		return true
	}
	if _, ok := c.off[d]; ok {
		return false
	}
	wd := d.time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays is the instant n working days after t, at the same time
// of day: the day of t itself does not count, each following working day
// does.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	d := DayOf(t)
	days := 0
	for n > 0 {
		d = d.next()
		days++
		if c.WorkingDay(d) {
			n--
		}
	}
	return t.In(China).AddDate(0, 0, days).In(t.Location())
}
