package recall

import (
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/calendar"
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
// t. Working days are Chinese working days (domain/calendar: holidays and
// the weekends worked in their place, for the years it has files of;
// Monday to Friday otherwise, which is never later than the law's).
func (l Level) Deadlines(t time.Time) (startBy, completeBy time.Time) {
	t = t.UTC()
	startBy = t.Add(l.StartWithin())
	completeBy = calendar.Working().AddWorkingDays(t, l.CompleteWithinWorkingDays())
	return startBy, completeBy
}
