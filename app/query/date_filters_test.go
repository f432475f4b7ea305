package query_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
)

// batchRows is a batch directory model holding fixed batches, every one
// visible to whoever asks.
type batchRows []query.BatchSummary

func (m batchRows) Batches(...string) ([]query.BatchSummary, error) { return slices.Clone(m), nil }

func TestTheDirectoriesKeepTheRowsOfADateRange(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	day := func(i int) time.Time { return t0.AddDate(0, 0, i) }
	rangeOf := query.TimeRange{From: day(2), To: day(5)} // days 2, 3 and 4
	want := "2 3 4"

	ents := manyEnterprises(8)
	for i := range ents {
		ents[i].RegisteredAt = day(i)
	}
	rows, _, err := query.NewEnterpriseDirectory(ents, nil, settled(5)).List(t.Context(), regulator,
		query.EnterpriseFilter{Registered: rangeOf}, query.DirectoryPage{Sort: "registered"}, time.Now())
	if got := joined(rows, func(e query.EnterpriseSummary) time.Time { return e.RegisteredAt }, day); err != nil || got != want {
		t.Errorf("enterprises registered in days 2-4: %q, %v; want %q", got, err, want)
	}

	var prods productRows
	for i := range 8 {
		prods = append(prods, query.ProductSummary{GTIN: fmt.Sprintf("0690123456789%d", i), Name: "p", RegisteredAt: day(i), Position: uint64(i + 1)})
	}
	prodRows, _, err := query.NewProductDirectory(prods, settled(5)).List(t.Context(), regulator,
		query.ProductFilter{Registered: rangeOf}, query.DirectoryPage{Sort: "registered"}, time.Now())
	if got := joined(prodRows, func(p query.ProductSummary) time.Time { return p.RegisteredAt }, day); err != nil || got != want {
		t.Errorf("products registered in days 2-4: %q, %v; want %q", got, err, want)
	}

	var batches batchRows
	for i := range 8 {
		batches = append(batches, query.BatchSummary{GTIN: "06901234567892", Lot: fmt.Sprintf("L%d", i), Origin: []string{"CN", "FR"}[i%2],
			RegisteredAt: day(i), Recalls: []string{}})
	}
	bq := query.NewBatchDirectory(batches, settled(5))
	batchRowsGot, _, err := bq.List(t.Context(), regulator, query.BatchFilter{Registered: rangeOf}, query.DirectoryPage{})
	if got := joined(batchRowsGot, func(b query.BatchSummary) time.Time { return b.RegisteredAt }, day); err != nil || got != want {
		t.Errorf("batches registered in days 2-4: %q, %v; want %q", got, err, want)
	}
	// One lot, and one origin, are filters of the batch directory too.
	if one, _, err := bq.List(t.Context(), regulator, query.BatchFilter{GTIN: "06901234567892", Lot: "L3"}, query.DirectoryPage{}); err != nil || len(one) != 1 || one[0].Lot != "L3" {
		t.Errorf("lot L3: %+v, %v", one, err)
	}
	if fr, _, err := bq.List(t.Context(), regulator, query.BatchFilter{Origin: "FR", Registered: rangeOf}, query.DirectoryPage{}); err != nil ||
		joined(fr, func(b query.BatchSummary) time.Time { return b.RegisteredAt }, day) != "3" {
		t.Errorf("French batches of days 2-4: %+v, %v, want day 3's only", fr, err)
	}

	var recalls recallRows
	for i := range 8 {
		recalls = append(recalls, query.RecallList{RecallID: fmt.Sprintf("R%d", i), Level: 1, Status: "open", StartedAt: day(i)})
	}
	recallGot, _, err := query.NewRecalls(recalls, nil, settled(5)).List(t.Context(), regulator,
		query.RecallFilter{Started: rangeOf}, query.DirectoryPage{Sort: "started"}, time.Now())
	if got := joined(recallGot, func(l query.RecallList) time.Time { return l.StartedAt }, day); err != nil || got != want {
		t.Errorf("recalls started in days 2-4: %q, %v; want %q", got, err, want)
	}
}

// joined names each row by its day number (day(i) is day i), in order.
func joined[T any](rows []T, at func(T) time.Time, day func(int) time.Time) string {
	var out []string
	for _, r := range rows {
		for i := 0; i < 100; i++ {
			if at(r).Equal(day(i)) {
				out = append(out, fmt.Sprint(i))
			}
		}
	}
	return strings.Join(out, " ")
}
