package recall

import (
	"fmt"
	"time"
)

// Level is a food recall level: 1 serious harm, 2 possible harm, 3
// labelling. It sets how soon the recall must start and finish.
type Level int

// ParseLevel accepts 1, 2 or 3.
func ParseLevel(n int) (Level, error) {
	if n < 1 || n > 3 {
		return 0, fmt.Errorf("level %d: must be 1, 2 or 3", n)
	}
	return Level(n), nil
}

// StartWithin is how soon the recall must start: 24, 48 or 72 hours.
func (l Level) StartWithin() time.Duration { return time.Duration(24*int(l)) * time.Hour }

// CompleteWithinWorkingDays is 10, 20 or 30 working days.
func (l Level) CompleteWithinWorkingDays() int { return 10 * int(l) }

// Deadlines returns the start-by and complete-by times of a recall started at
// t. Working days skip Saturdays and Sundays; public holidays are not
// modelled (the deadline is then earlier than the law's, never later).
func (l Level) Deadlines(t time.Time) (startBy, completeBy time.Time) {
	t = t.UTC()
	startBy = t.Add(l.StartWithin())
	completeBy = AddWorkingDays(t, l.CompleteWithinWorkingDays())
	return startBy, completeBy
}

// AddWorkingDays moves t forward by n working days (Monday to Friday).
func AddWorkingDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}
