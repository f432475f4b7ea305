package eventhash

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// isTimeField reports whether a field's value is a timestamp the hash
// normalises: every field whose name contains "time" (eventTime, time,
// startTime, endTime) except eventTimeZoneOffset.
func isTimeField(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "time") && !strings.Contains(n, "offset")
}

// timestampSyntax is an ISO 8601 date and time with an optional fraction
// of any length and an optional zone (Z, ±hh:mm, ±hhmm or ±hh).
var timestampSyntax = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$`)

// canonicalTime writes a timestamp in UTC with exactly three fraction
// digits and "Z": "2022-02-16T20:33:31.116000-06:00" becomes
// "2022-02-17T02:33:31.116Z". Digits past the microsecond are dropped and
// the microseconds rounded half to even to milliseconds, as the reference
// implementation does (.1415 gives .142, .1425 gives .142). A time without
// a zone is taken as UTC. Text that is not a timestamp is returned as it is.
func canonicalTime(text string) string {
	if inCanonicalShape(text) {
		// Written as it would be written: valid, it is its own normal
		// form; not (a 30 February, an hour 24), it is left as it is.
		return text
	}
	return normalTime(text)
}

// normalTime is canonicalTime by the timestamp syntax.
func normalTime(text string) string {
	m := timestampSyntax.FindStringSubmatch(text)
	if m == nil {
		return text
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	frac := m[7]
	if len(frac) > 6 {
		frac = frac[:6]
	}
	micros := 0
	if frac != "" {
		micros = num(frac + strings.Repeat("0", 6-len(frac)))
	}
	millis, rest := micros/1000, micros%1000
	if rest > 500 || (rest == 500 && millis%2 == 1) {
		millis++
	}
	loc := time.UTC
	if z := m[8]; z != "" && z != "Z" && z != "z" {
		digits := strings.ReplaceAll(z[1:], ":", "")
		offset := num(digits[:2]) * 3600
		if len(digits) == 4 {
			offset += num(digits[2:]) * 60
		}
		if z[0] == '-' {
			offset = -offset
		}
		loc = time.FixedZone("", offset)
	}
	t := time.Date(num(m[1]), time.Month(num(m[2])), num(m[3]), num(m[4]), num(m[5]), num(m[6]), millis*int(time.Millisecond), loc)
	if t.Month() != time.Month(num(m[2])) || num(m[4]) > 23 || num(m[5]) > 59 || num(m[6]) > 59 {
		return text
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// inCanonicalShape reports whether text has exactly the shape
// canonicalTime writes, "2006-01-02T15:04:05.000Z", digits where the
// layout has digits.
func inCanonicalShape(text string) bool {
	const layout = "0000-00-00T00:00:00.000Z"
	if len(text) != len(layout) {
		return false
	}
	for i := 0; i < len(layout); i++ {
		c := text[i]
		if layout[i] == '0' {
			if c < '0' || c > '9' {
				return false
			}
		} else if c != layout[i] {
			return false
		}
	}
	return true
}
