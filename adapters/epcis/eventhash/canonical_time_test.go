package eventhash

import "testing"

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
