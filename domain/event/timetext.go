package event

import "time"

// parseUTC reads the exact form FormatTime writes for years 0000-9999,
// "2006-01-02T15:04:05[.fraction]Z", without time.Parse's generality: a
// replay parses two times per event. ok is false for anything else, which
// ParseTime then hands to time.Parse.
func parseUTC(s string) (t time.Time, ok bool) {
	if len(s) < 20 || len(s) > 30 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[len(s)-1] != 'Z' {
		return t, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day, hour, minute, sec := num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return t, false
	}
	nsec := 0
	if frac := s[19 : len(s)-1]; frac != "" {
		if frac[0] != '.' || len(frac) < 2 {
			return t, false
		}
		digits := len(frac) - 1
		if nsec = num(20, digits); nsec < 0 {
			return t, false
		}
		for range 9 - digits {
			nsec *= 10
		}
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // the 31st of a 30-day month, say: time.Parse's error
		return time.Time{}, false
	}
	return t, true
}
