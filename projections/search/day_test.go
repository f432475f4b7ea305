package search_test

import (
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// A record dated 2026-03-01T17:00Z is on 2 March in China, the day every
// from/to of the API means.
func TestARecordAtFiveInTheAfternoonUTCIsDatedTheNextChinaDay(t *testing.T) {
	_, p := built(t)
	const uscc = "91310115M00000007G"
	at := time.Date(2026, 3, 1, 17, 0, 0, 0, time.UTC)
	if err := p.Apply([]runner.Envelope{envelope(t, 2000, at, enterprise.Registered{USCC: uscc, Name: "上海丁店", Region: "上海"})}); err != nil {
		t.Fatal(err)
	}
	on := func(day string) bool {
		hits := find(t, p, search.Query{Kinds: []string{search.KindEnterprise}, From: day, To: day}).Hits
		return slices.Contains(ids(hits), "enterprise:"+uscc)
	}
	if !on("2026-03-02") || on("2026-03-01") {
		t.Errorf("found on 2 March %v, on 1 March %v: want on 2 March only", on("2026-03-02"), on("2026-03-01"))
	}
}
