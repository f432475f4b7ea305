package complaint

import (
	"time"

	"github.com/traceledger/traceledger/domain/calendar"
)

// The case's deadlines, in Chinese working days: accept or refuse within
// AcceptWithinWorkingDays of filing, conclude (mediate, resolve or
// transfer) within ConcludeWithinWorkingDays of acceptance.
const (
	AcceptWithinWorkingDays   = 7
	ConcludeWithinWorkingDays = 45
)

// AcceptBy is the deadline to accept or refuse a complaint filed at t.
func AcceptBy(t time.Time) time.Time {
	return calendar.Working().AddWorkingDays(t.UTC(), AcceptWithinWorkingDays).UTC()
}

// ConcludeBy is the deadline to conclude a case accepted at t.
func ConcludeBy(t time.Time) time.Time {
	return calendar.Working().AddWorkingDays(t.UTC(), ConcludeWithinWorkingDays).UTC()
}

// The deadline a case has missed (Overdue).
const (
	OverdueAcceptance = "acceptance"
	OverdueConclusion = "conclusion"
)

// Overdue names the deadline a case in status has missed at now, "" when
// none: acceptance while it waits to be accepted past acceptBy, conclusion
// while it is open past concludeBy. Deadlines are RFC 3339; an empty one
// (a case filed before cases had deadlines) is never missed.
func Overdue(status Status, acceptBy, concludeBy string, now time.Time) string {
	past := func(deadline string) bool {
		t, err := time.Parse(time.RFC3339, deadline)
		return err == nil && now.After(t)
	}
	switch {
	case status == StatusFiled && past(acceptBy):
		return OverdueAcceptance
	case status.Open() && status != StatusFiled && past(concludeBy):
		return OverdueConclusion
	}
	return ""
}
