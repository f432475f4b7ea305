package analytics

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/traceledger/traceledger/app/query"
)

// latestRegistrationsSQL is each enterprise's latest registration, decoded
// in Go (visitParamExtractString keeps \uXXXX escapes on 18.16).
const latestRegistrationsSQL = `SELECT enterprise, argMax(data, position) FROM {db}.events
WHERE type = 'enterprise.registered.v1' GROUP BY enterprise`

// productFactsSQL is each GTIN's category and origin country as its latest
// registration names them.
const productFactsSQL = `SELECT gtin, argMax(category, position), argMax(origin_country, position) FROM {db}.events
WHERE type = 'product.registered.v1' GROUP BY gtin`

// handledSQL is which enterprise registered (as owner) or sold which GTIN.
const handledSQL = `SELECT DISTINCT enterprise, gtin FROM {db}.events
WHERE type IN ('product.registered.v1', 'goods.sold.v1') AND enterprise != ''`

// Enterprises is the set of enterprises f keeps (query.DashboardFilter
// says which), judged from ClickHouse's events as the embedded model
// judges them from its fold; nil when f is not scoped. The products are
// read only when a category or an origin is asked.
func (s *Source) Enterprises(ctx context.Context, f query.DashboardFilter) (query.EnterpriseSet, error) {
	if !f.Scoped() {
		return nil, nil
	}
	cands := map[string]*query.Candidate{}
	cand := func(uscc string) *query.Candidate {
		c := cands[uscc]
		if c == nil {
			c = &query.Candidate{USCC: uscc}
			cands[uscc] = c
		}
		return c
	}
	err := s.each(ctx, latestRegistrationsSQL, func(scan func(...any) error) error {
		var uscc, data string
		if err := scan(&uscc, &data); err != nil {
			return err
		}
		var reg struct{ Region string }
		if err := json.Unmarshal([]byte(data), &reg); err != nil {
			return err
		}
		cand(uscc).Region = reg.Region
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("clickhouse dashboard filter, regions: %w", err)
	}
	if f.Category != "" || f.Origin != "" {
		type facts struct{ category, origin string }
		products := map[string]facts{}
		err := s.each(ctx, productFactsSQL, func(scan func(...any) error) error {
			var gtin string
			var p facts
			if err := scan(&gtin, &p.category, &p.origin); err != nil {
				return err
			}
			products[gtin] = p
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("clickhouse dashboard filter, products: %w", err)
		}
		err = s.each(ctx, handledSQL, func(scan func(...any) error) error {
			var uscc, gtin string
			if err := scan(&uscc, &gtin); err != nil {
				return err
			}
			if p, ok := products[gtin]; ok {
				c := cand(uscc)
				c.Categories = append(c.Categories, p.category)
				c.Origins = append(c.Origins, p.origin)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("clickhouse dashboard filter, products handled: %w", err)
		}
	}
	list := make([]query.Candidate, 0, len(cands))
	for _, c := range cands {
		list = append(list, *c)
	}
	return f.Select(list), nil
}

// each runs q and calls row for every row.
func (s *Source) each(ctx context.Context, q string, row func(scan func(...any) error) error) error {
	rows, err := s.conn.Query(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
