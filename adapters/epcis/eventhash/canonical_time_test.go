package eventhash

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestTimestampsAreWrittenInUTCToTheMillisecond(t *testing.T) {
	cases := map[string]string{
		"2022-02-16T20:33:31.116000-06:00": "2022-02-17T02:33:31.116Z",
		"2019-10-21T14:45:00Z":             "2019-10-21T14:45:00.000Z",
		"2023-02-02T11:04:03.1415Z":        "2023-02-02T11:04:03.142Z", // half to even, up
		"2023-02-02T11:04:03.1425Z":        "2023-02-02T11:04:03.142Z", // half to even, down
		"2023-02-02T11:04:03.1414Z":        "2023-02-02T11:04:03.141Z",
		"2022-02-16T08:40:21.3142715Z":     "2022-02-16T08:40:21.314Z", // digits past the microsecond are dropped
		"2023-02-02T11:04:03.9996Z":        "2023-02-02T11:04:04.000Z", // carries into the second
		"2020-01-14T00:00:00.000+01:00":    "2020-01-13T23:00:00.000Z",
		"2020-01-14T00:00:00+0130":         "2020-01-13T22:30:00.000Z",
		"2020-01-14T00:00:00":              "2020-01-14T00:00:00.000Z", // no zone: UTC
		"yesterday":                        "yesterday",
		"2020-02-30T00:00:00Z":             "2020-02-30T00:00:00Z", // not a date: left alone
	}
	checkEach(t, "canonicalTime", canonicalTime, cases)
}

func TestOnlyTimeFieldsOtherThanTheOffsetAreTimestamps(t *testing.T) {
	for name, want := range map[string]bool{
		"eventTime": true, "time": true, "startTime": true, "endTime": true,
		"eventTimeZoneOffset": false, "bizStep": false,
	} {
		if got := isTimeField(name); got != want {
			t.Errorf("isTimeField(%q) = %v, want %v", name, got, want)
		}
	}
}

// A timestamp already in the shape canonicalTime writes is its own normal
// form, valid or not, so canonicalTime returns it without parsing it.
func TestATimestampInTheCanonicalShapeIsItsOwnNormalForm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		at := time.Date(r.IntN(10000), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1e9), time.UTC)
		s := at.Format("2006-01-02T15:04:05.000Z")
		if r.IntN(4) == 0 {
			// Digits anywhere: a 30 February, an hour 27, a month 00.
			b := []byte(s)
			for _, i := range []int{5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
				if r.IntN(3) == 0 {
					b[i] = byte('0' + r.IntN(10))
				}
			}
			s = string(b)
		}
		if !inCanonicalShape(s) {
			t.Fatalf("%s is not in the canonical shape", s)
		}
		if got := normalTime(s); got != s {
			t.Fatalf("normalTime(%s) = %s", s, got)
		}
	}
	for _, s := range []string{"2026-03-01T10:00:00.000+08:00", "2026-03-01t10:00:00.000Z", "2026-03-01T10:00:00.00Z", "2026-03-01T10:00:00.000z"} {
		if inCanonicalShape(s) {
			t.Errorf("%s is taken for the canonical shape", s)
		}
	}
}
