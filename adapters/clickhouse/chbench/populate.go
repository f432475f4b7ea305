package chbench

import (
	"context"
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/adapters/clickhouse"
)

// populateSQL generates n events on the server (INSERT ... SELECT FROM
// numbers), shaped as Synthetic's: the same type mix, 2,000 enterprises,
// 300 products in 10 categories from 10 countries, four years of
// occurred_at. It goes through the events table, so the daily views fill
// too. {n} is the row count.
const populateSQL = `INSERT INTO {db}.events (position, event_id, type, stream, occurred_at, recorded_at,
	actor_uscc, actor_role, enterprise, counterparty, gtin, lot, category, origin_country, port, channel,
	quantity, result, level, amount_cny, ref, reason, authority, data)
SELECT
	number + 1,
	hex(cityHash64(number, 7)),
	multiIf((intHash32(number) % 1000 AS r) < 730, 'goods.sold.v1', r < 795, 'goods.shipped.v1',
		r < 860, 'goods.received.v1', r < 920, 'shipment.dispatched.v1', r < 975, 'shipment.received.v1',
		r < 982, 'batch.registered.v1', r < 986, 'customs.declared.v1', r < 990, 'customs.inspected.v1',
		r < 994, 'batch.inspected.v1', r < 997, 'complaint.filed.v1', r < 999, 'complaint.resolved.v1',
		arrayElement(['recall.started.v1', 'batch.recalled.v1', 'enterprise.penalty_imposed.v1', 'customs.rejected.v1'], cityHash64(number, 8) % 4 + 1)) AS t,
	concat('s-', toString(cityHash64(number, 9) % 50000)),
	toDateTime(1640995200 + intDiv(number * 126144000, {n})) AS at,
	at,
	concat('91310000MA', toString(10000000 + cityHash64(number, 1) % 2000)) AS e,
	'enterprise',
	e,
	if(t IN ('goods.shipped.v1', 'goods.received.v1', 'shipment.dispatched.v1', 'shipment.received.v1'),
		concat('91310000MA', toString(10000000 + cityHash64(number, 2) % 2000)), ''),
	concat('0690', substring(toString(10000000000 + (cityHash64(number, 3) % 300 AS g)), 2)),
	concat('L', toString(cityHash64(number, 4) % 40)),
	arrayElement(['infant_formula', 'health_food', 'cosmetics', 'wine', 'dairy', 'snacks', 'seafood', 'fruit', 'baby_care', 'supplements'], g % 10 + 1),
	arrayElement(['AU', 'NZ', 'FR', 'DE', 'JP', 'US', 'NL', 'KR', 'IT', 'CL'], intDiv(g, 10) % 10 + 1),
	if(t LIKE 'customs.%', arrayElement(['CNSHA', 'CNNGB', 'CNGZH'], g % 3 + 1), ''),
	if(t = 'goods.sold.v1', arrayElement(['online', 'store', 'cross_border'], cityHash64(number, 5) % 3 + 1), ''),
	toInt64(multiIf(t = 'goods.sold.v1', 1 + cityHash64(number, 5) % 2, t IN ('goods.shipped.v1', 'goods.received.v1'), 1 + cityHash64(number, 5) % 50,
		t = 'batch.registered.v1', 500, 0)),
	multiIf(t IN ('batch.inspected.v1', 'customs.inspected.v1'), if(cityHash64(number, 6) % 10 = 0, 'fail', 'pass'),
		t = 'complaint.resolved.v1', if(cityHash64(number, 6) % 2 = 0, 'substantiated', 'unsubstantiated'),
		t = 'customs.rejected.v1', 'rejected', ''),
	toUInt8(if(t IN ('recall.started.v1', 'batch.recalled.v1'), 1 + cityHash64(number, 6) % 3, 0)),
	toInt64(if(t = 'enterprise.penalty_imposed.v1', 10000 * (1 + cityHash64(number, 6) % 100), 0)),
	'', '', if(t = 'enterprise.penalty_imposed.v1', 'market regulation', ''),
	'{}'
FROM numbers({n})`

// Populate fills c's events table (Fresh first) with n generated events.
func Populate(ctx context.Context, c *clickhouse.Conn, n int) error {
	if err := c.Exec(ctx, strings.ReplaceAll(populateSQL, "{n}", fmt.Sprint(n))); err != nil {
		return fmt.Errorf("generate %d events: %w", n, err)
	}
	return nil
}
