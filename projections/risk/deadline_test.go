package risk_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/recall"
)

// A level-1 recall started at t0 (a Friday) must complete within 10 working
// days: by 2026-03-20 09:00 UTC.
var completeBy = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)

// Recall deadlines are judged at query time: a holder misses one when the
// deadline has passed while it still holds affected units, or when it
// accounted for them only after the deadline; the initiator misses one when
// the recall closes after the deadline or is still open past it.
func TestRecallDeadlinesMissed(t *testing.T) {
	before, after := completeBy.Add(-time.Hour), completeBy.Add(time.Hour)
	// Another enterprise owns the batch and supplies the importer (4 units)
	// and the retailer (6); the importer initiates a level-1 recall at t0.
	base := func() *logOf {
		l := newLog().on(t0.Add(-time.Hour)).add(registered(gtin, "L1", other, 10),
			shipped("L1", "s1", other, importer, 4), received("L1", "s1", importer, 4),
			shipped("L1", "s2", other, retailer, 6), received("L1", "s2", retailer, 6))
		return l.on(t0).recall("r1", 1, importer, "L1")
	}
	if got := recall.Level(1).CompleteWithinWorkingDays(); got != 10 {
		t.Fatalf("level 1 completes within %d working days", got)
	}
	cases := []struct {
		name string
		log  *logOf
		who  string
		now  time.Time
		want int64
	}{
		{"a holder with stock, before the deadline", base(), retailer, before, 0},
		{"a holder with stock, after the deadline", base(), retailer, after, 1},
		{"a holder that returned everything in time", base().on(before).add(returned("L1", "r1", retailer, 6)), retailer, after, 0},
		{"a holder that returned only part in time", base().on(before).add(returned("L1", "r1", retailer, 5)), retailer, after, 1},
		{"a holder that returned late", base().on(after).add(returned("L1", "r1", retailer, 6)), retailer, after.Add(time.Hour), 1},
		{"a late return is not yet missed before the deadline", base().on(after).add(returned("L1", "r1", retailer, 6)), retailer, before, 0},
		{"units sold before the recall are not held", newLog().add(registered(gtin, "L1", other, 10),
			shipped("L1", "s1", other, retailer, 10), received("L1", "s1", retailer, 10), sold("L1", retailer, 10)).recall("r1", 1, "", "L1"),
			retailer, after, 0},
		{"units in transit at the recall count at the receiver once received", newLog().add(registered(gtin, "L1", other, 10),
			shipped("L1", "s1", other, retailer, 10)).recall("r1", 1, "", "L1").add(received("L1", "s1", retailer, 10)),
			retailer, after, 1},
		{"the sender of units in transit accounted when they arrived", newLog().add(registered(gtin, "L1", other, 10),
			shipped("L1", "s1", other, retailer, 10)).recall("r1", 1, "", "L1").add(received("L1", "s1", retailer, 10)),
			other, after, 0},
		{"the initiator of a recall still open", base().on(before).add(returned("L1", "r1", retailer, 6), returned("L1", "r1", importer, 4)), importer, after, 1},
		{"the initiator of a recall closed in time", base().on(before).add(returned("L1", "r1", retailer, 6), returned("L1", "r1", importer, 4),
			recall.Closed{RecallID: "r1"}), importer, after, 0},
		{"the initiator of a recall closed late, holders in time", base().on(before).add(returned("L1", "r1", retailer, 6), returned("L1", "r1", importer, 4)).
			on(after).add(recall.Closed{RecallID: "r1"}), importer, after, 1},
		{"holders in time are not blamed for a late closure", base().on(before).add(returned("L1", "r1", retailer, 6), returned("L1", "r1", importer, 4)).
			on(after).add(recall.Closed{RecallID: "r1"}), retailer, after, 0},
		{"a serial returned by a consumer leaves the stock outstanding", newLog().add(registered(gtin, "L1", other, 3),
			shipped("L1", "s1", other, retailer, 3), received("L1", "s1", retailer, 3)).
			add(labelled("L1", retailer, "a", "b"), sold("L1", retailer, 0, "a")).recall("r1", 1, "", "L1").
			on(before).add(returned("L1", "r1", retailer, 0, "a"), returned("L1", "r1", retailer, 1)), retailer, after, 1},
		{"every labelled and unlabelled unit back in time", newLog().add(registered(gtin, "L1", other, 3),
			shipped("L1", "s1", other, retailer, 3), received("L1", "s1", retailer, 3)).
			add(labelled("L1", retailer, "a", "b"), sold("L1", retailer, 0, "a")).recall("r1", 1, "", "L1").
			on(before).add(returned("L1", "r1", retailer, 0, "a"), returned("L1", "r1", retailer, 1, "b")), retailer, after, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := mustGrade(t, c.log.fold(t), c.who, c.now)
			if got := g.Features.RecallDeadlinesMissed; got != c.want {
				t.Errorf("recall deadlines missed = %d, want %d", got, c.want)
			}
			if got := g.Factors["recall_deadlines_missed"].Value; got != float64(c.want) {
				t.Errorf("factor value %v, want %d", got, c.want)
			}
		})
	}
}
