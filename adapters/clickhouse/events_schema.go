package clickhouse

// eventsDDL creates the events table.
//
// No PARTITION BY, on purpose: an insert into a MergeTree writes one part
// per partition it touches, each committed on its own, so a batch that
// spans two months could be half written by a server that dies in the
// middle. With one partition a batch is one part, written entirely or not
// at all, which is what lets the sink settle a failed insert by position.
// At the ledger's scale (tens of millions of rows) a month filter reads
// the occurred_at column instead of skipping partitions, and stays fast
// (analytics_query_p50_ms of `traceledger bench --clickhouse`: the
// dashboard queries over 10 million events take well under a second).
//
// ORDER BY (type, enterprise, occurred_at, position): the dashboards and
// the grade filter by type first (sales, inspections, complaints...), then
// group by enterprise, or look one enterprise up, over time; position last
// makes the key unique. Times are DateTime('UTC') so that toDate and
// toStartOfMonth give UTC days whatever the server's time zone, as the
// embedded grade does.
const eventsDDL = `CREATE TABLE IF NOT EXISTS {db}.events (
	position UInt64,
	event_id String,
	type String,
	stream String,
	occurred_at DateTime('UTC'),
	recorded_at DateTime('UTC'),
	actor_uscc String,
	actor_role String,
	enterprise String,
	counterparty String,
	gtin String,
	lot String,
	category String,
	origin_country String,
	port String,
	channel String,
	quantity Int64,
	result String,
	level UInt8,
	amount_cny Int64,
	ref String,
	reason String,
	authority String,
	data String
) ENGINE = MergeTree() ORDER BY (type, enterprise, occurred_at, position)`

// The daily views are not partitioned either, for the same reason and for
// speed: a batch of the log spans many days and months, and a part per
// month and view made each insert several times slower.
//
// enterpriseDailyDDL is per-enterprise risk features by UTC day, summed as
// rows arrive (SummingMergeTree adds rows of the same key when it merges
// parts, so a query still sums: SELECT enterprise, sum(units_sold) ...
// GROUP BY enterprise). Recalls are counted in batches (batch.recalled.v1
// of the enterprise's batches, by level): a sum cannot count distinct
// recalls; events with uniqExact(ref) does.
const enterpriseDailyDDL = `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.enterprise_daily
ENGINE = SummingMergeTree() ORDER BY (day, enterprise)
AS SELECT
	toDate(occurred_at) AS day,
	enterprise,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'complaint.filed.v1') AS complaints_filed,
	countIf(type = 'complaint.resolved.v1') AS complaints_resolved,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1') AS inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS inspection_failures,
	countIf(type = 'customs.declared.v1') AS declarations,
	countIf(type = 'customs.inspected.v1' AND result = 'fail') AS customs_failures,
	countIf(type = 'customs.rejected.v1') AS customs_rejections,
	countIf(type = 'batch.recalled.v1' AND level = 1) AS recalled_batches_l1,
	countIf(type = 'batch.recalled.v1' AND level = 2) AS recalled_batches_l2,
	countIf(type = 'batch.recalled.v1' AND level = 3) AS recalled_batches_l3,
	countIf(type = 'enterprise.penalty_imposed.v1') AS penalties,
	sumIf(amount_cny, type = 'enterprise.penalty_imposed.v1') AS penalty_amount_cny
FROM {db}.events
WHERE enterprise != '' AND type IN ('goods.sold.v1', 'complaint.filed.v1', 'complaint.resolved.v1', 'batch.inspected.v1',
	'customs.declared.v1', 'customs.inspected.v1', 'customs.rejected.v1', 'batch.recalled.v1', 'enterprise.penalty_imposed.v1')
GROUP BY day, enterprise`

// categoryDailyDDL is per product category and origin country by UTC day:
// the rates analysts compare across categories and countries.
const categoryDailyDDL = `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.category_daily
ENGINE = SummingMergeTree() ORDER BY (day, category, origin_country)
AS SELECT
	toDate(occurred_at) AS day,
	category,
	origin_country,
	sumIf(quantity, type = 'goods.sold.v1') AS units_sold,
	countIf(type = 'complaint.filed.v1') AS complaints,
	countIf(type = 'complaint.resolved.v1' AND result = 'substantiated') AS complaints_substantiated,
	countIf(type = 'batch.inspected.v1') AS inspections,
	countIf(type = 'batch.inspected.v1' AND result = 'fail') AS inspection_failures,
	countIf(type = 'customs.inspected.v1') AS customs_inspections,
	countIf(type = 'customs.inspected.v1' AND result = 'fail') AS customs_failures,
	countIf(type = 'batch.recalled.v1') AS recalled_batches
FROM {db}.events
WHERE category != '' AND type IN ('goods.sold.v1', 'complaint.filed.v1', 'complaint.resolved.v1', 'batch.inspected.v1',
	'customs.inspected.v1', 'batch.recalled.v1')
GROUP BY day, category, origin_country`
