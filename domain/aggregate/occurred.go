package aggregate

import (
	"time"

	"github.com/traceledger/traceledger/domain"
)

// The ledger's clock decides: every rule is judged at the time the ledger
// records a command. A client may still say when the fact happened
// (occurred_at), as an attribute of the record, within these bounds.
const (
	// OccurredAtSkew is how far ahead of the ledger's clock a client's
	// clock may run.
	OccurredAtSkew = 5 * time.Minute
	// maxZoneOffset is the largest UTC offset in use (UTC+14).
	maxZoneOffset = 14 * 60 * 60
)

// OccurredAtFloor is the earliest occurred_at the ledger records: no
// traceability record it keeps is older.
var OccurredAtFloor = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckOccurredAt refuses a client's occurred_at that lies in the future of
// the ledger's clock now (beyond OccurredAtSkew), before OccurredAtFloor,
// with an offset no zone has, or before dependsOn: the latest occurred_at
// of the records the command builds on (a sale cannot have happened before
// the receipt that brought the goods).
func CheckOccurredAt(at, now, dependsOn time.Time) error {
	const field = "occurred_at"
	if _, off := at.Zone(); off > maxZoneOffset || off < -maxZoneOffset {
		return domain.Invalid(field, "has_utc_offset_no_time", "%s has a UTC offset no time zone has", at.Format(time.RFC3339))
	}
	switch {
	case at.After(now.Add(OccurredAtSkew)):
		return domain.Invalid(field, "in_future_ledger_clock_reads", "%s is in the future: the ledger's clock reads %s", at.Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	case at.Before(OccurredAtFloor):
		return domain.Invalid(field, "before_earliest_time_ledger_records", "%s is before %s, the earliest time the ledger records", at.Format(time.RFC3339), OccurredAtFloor.Format(time.DateOnly))
	case at.Before(dependsOn):
		return domain.Invalid(field, "earlier_than_record_this_command", "%s is earlier than a record this command builds on", at.Format(time.RFC3339))
	}
	return nil
}
