package query

import (
	"context"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain/category"
)

// DashboardFilter is what the dashboard's filters ask of every panel. The
// region, category and origin select enterprises (EnterpriseSet): an
// enterprise is kept when
//   - Region: the region it registered (enterprise.registered.v1,
//     trimmed) is Region exactly;
//   - Category (Origin): it registered as owner, or sold, a product whose
//     registration (the latest, product.registered.v1) names that category
//     (origin country);
//
// and every filter set keeps it. The enterprise panels (grades, top risks)
// grade the kept enterprises only; the event panels (trend, recalls,
// alerts) count the events whose operator is kept. Period bounds the event
// panels to events that occurred in it (China days, DayBound).
type DashboardFilter struct {
	Region   string
	Category string
	Origin   string
	Period   RatePeriod
}

// Scoped reports whether the filter selects enterprises.
func (f DashboardFilter) Scoped() bool { return f.Region != "" || f.Category != "" || f.Origin != "" }

// Normalized is f with the region trimmed and the category as products
// record it: a catalogue code or English name (domain/category) becomes
// the entry's Chinese name; other text (a category recorded before the
// catalogue) is kept as given.
func (f DashboardFilter) Normalized() DashboardFilter {
	f.Region = strings.TrimSpace(f.Region)
	f.Origin = strings.TrimSpace(f.Origin)
	f.Category = strings.TrimSpace(f.Category)
	if e, ok := category.Lookup(f.Category); ok && f.Category != "" {
		f.Category = e.Zh
	}
	return f
}

// EnterpriseSet is the enterprises (USCCs) a scoped filter keeps; nil
// keeps every enterprise (an unscoped filter).
type EnterpriseSet map[string]bool

// Has reports whether the set keeps uscc.
func (s EnterpriseSet) Has(uscc string) bool { return s == nil || s[uscc] }

// Candidate is what the filter judges an enterprise by: its registered
// region and the categories and origin countries of the products it
// registered or sold.
type Candidate struct {
	USCC, Region        string
	Categories, Origins []string
}

// Select is the set of candidates f keeps (nil when f is not scoped). Both
// engines select through it, from what each stores.
func (f DashboardFilter) Select(cs []Candidate) EnterpriseSet {
	if !f.Scoped() {
		return nil
	}
	out := EnterpriseSet{}
	for _, c := range cs {
		if c.USCC == "" ||
			(f.Region != "" && strings.TrimSpace(c.Region) != f.Region) ||
			(f.Category != "" && !slices.Contains(c.Categories, f.Category)) ||
			(f.Origin != "" && !slices.Contains(c.Origins, f.Origin)) {
			continue
		}
		out[c.USCC] = true
	}
	return out
}

// Scoper selects the enterprises a dashboard filter keeps; the dashboards'
// engine implements it, and the alerts read it.
type Scoper interface {
	Enterprises(ctx context.Context, f DashboardFilter) (EnterpriseSet, error)
}
