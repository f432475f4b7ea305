package clickhouse

import (
	"time"

	"github.com/traceledger/traceledger/projections/runner"
)

// EventsTable is the table "events": one row per event of the log, its
// envelope beside the columns analysts filter and group on (the enterprise
// the event is about, the product's category and origin, port, channel,
// units, result...) and the raw JSON. docs/analytics.md says, type by type,
// what each column holds.
//
// The columns the event itself does not carry come from a fold of earlier
// events: a product's category, origin and owner (product.registered), the
// latest notifier of its certificate, a batch's owner, a declaration's
// importer, port and first line, a shipment's sender, a complaint's product
// and a recall's initiator and level. So a customs inspection is about its
// declaration's importer, at its port, and a complaint's resolution is about
// the product the complaint was filed against.
type EventsTable struct {
	products     map[string]productFacts
	batches      map[string]string // gtin/lot → owner
	declarations map[string]declarationFacts
	shipments    map[string]shipmentFacts
	complaints   map[string]complaintFacts
	recalls      map[string]recallFacts
}

type productFacts struct{ category, origin, owner, notifier string }
type declarationFacts struct {
	importer, port, gtin, lot string
	quantity                  int64
}
type shipmentFacts struct {
	from, to string
	units    int64
}
type complaintFacts struct{ gtin, lot string }
type recallFacts struct {
	initiator, gtin, lot string
	level                uint8
}

// NewEventsTable returns the events table with an empty fold.
func NewEventsTable() *EventsTable {
	t := &EventsTable{}
	t.Reset()
	return t
}

// eventColumns are the table's columns in insert order.
var eventColumns = []string{
	"position", "event_id", "type", "stream", "occurred_at", "recorded_at", "actor_uscc", "actor_role",
	"enterprise", "counterparty", "gtin", "lot", "category", "origin_country", "port", "channel",
	"quantity", "result", "level", "amount_cny", "ref", "reason", "authority", "data",
}

// Name is "events".
func (t *EventsTable) Name() string { return "events" }

// Columns are the insert's columns.
func (t *EventsTable) Columns() []string { return eventColumns }

// Migrations create the table and, before any row arrives, the daily views
// that aggregate it (a materialized view only sees inserts made after it
// exists).
func (t *EventsTable) Migrations() []string {
	return []string{eventsDDL, enterpriseDailyDDL, categoryDailyDDL}
}

// Reset empties the fold.
func (t *EventsTable) Reset() {
	t.products = map[string]productFacts{}
	t.batches = map[string]string{}
	t.declarations = map[string]declarationFacts{}
	t.shipments = map[string]shipmentFacts{}
	t.complaints = map[string]complaintFacts{}
	t.recalls = map[string]recallFacts{}
}

// Fold answers the event's one row.
func (t *EventsTable) Fold(env runner.Envelope) [][]any {
	var r eventRow
	t.describe(env.Event, &r)
	if p, ok := t.products[r.gtin]; ok && r.gtin != "" {
		r.category = p.category
		if p.origin != "" {
			r.origin = p.origin
		}
	}
	md := env.Metadata
	return [][]any{{
		env.Position, env.ID.String(), env.Type, env.Stream, dateTime(md.OccurredAt), dateTime(md.RecordedAt),
		md.ActorUSCC, md.ActorRole, r.enterprise, r.counterparty, r.gtin, r.lot, r.category, r.origin,
		r.port, r.channel, r.quantity, r.result, r.level, r.amount, r.ref, r.reason, r.authority, storedData(env.Type, env.Data),
	}}
}

// eventRow holds the columns describe fills.
type eventRow struct {
	enterprise, counterparty, gtin, lot, category, origin, port, channel string
	quantity, amount                                                     int64
	result, ref, reason, authority                                       string
	level                                                                uint8
}

// dateTime fits t into DateTime (seconds, 1970 to 2105, UTC): a time
// outside that range would make the whole insert fail.
func dateTime(t time.Time) time.Time {
	t = t.UTC()
	if t.Before(time.Unix(0, 0)) {
		return time.Unix(0, 0).UTC()
	}
	if limit := time.Date(2105, 12, 31, 0, 0, 0, 0, time.UTC); t.After(limit) {
		return limit
	}
	return t
}

func batchKey(gtin, lot string) string { return gtin + "/" + lot }
