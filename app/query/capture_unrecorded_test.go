package query_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

type jobBook []query.CaptureJob

func (b jobBook) Jobs() []query.CaptureJob { return slices.Clone(b) }

var (
	jobShop  = "91310000MA1K00003X"
	jobOther = "91310000MA1K00004X"
	jobT0    = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	jobs     = jobBook{
		{CaptureID: "a", CreatedAt: jobT0, ActorUSCC: jobShop, Errors: []query.CaptureProblem{{EventIndex: 0, Rule: "not_a_gln"}}},
		{CaptureID: "b", CreatedAt: jobT0.Add(time.Minute), ActorUSCC: jobOther},
		{CaptureID: "c", CreatedAt: jobT0.Add(2 * time.Minute), ActorUSCC: jobShop, Success: true},
		{CaptureID: "d", CreatedAt: jobT0.Add(2*time.Minute + time.Millisecond), ActorUSCC: jobShop},
	}
)

func ids(js []query.CaptureJob) []string {
	var out []string
	for _, j := range js {
		out = append(out, j.CaptureID)
	}
	return out
}

func TestAnEnterpriseListsOnlyItsOwnUnrecordedCapturesNewestFirst(t *testing.T) {
	q := query.NewUnrecordedCaptures(jobs)
	shop := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: jobShop}}
	got, next, err := q.List(t.Context(), shop, false, query.DirectoryPage{})
	if err != nil || next != "" || !slices.Equal(ids(got), []string{"d", "c", "a"}) {
		t.Fatalf("the shop's jobs %v (next %q, %v), want d, c, a: its own, newest first", ids(got), next, err)
	}
	got, _, _ = q.List(t.Context(), shop, true, query.DirectoryPage{})
	if !slices.Equal(ids(got), []string{"d", "a"}) {
		t.Fatalf("the shop's refused jobs %v, want d, a", ids(got))
	}
	// A page at a time, the cursor continuing where the page ended.
	first, next, err := q.List(t.Context(), shop, false, query.DirectoryPage{Limit: 2})
	if err != nil || next == "" {
		t.Fatalf("first page %v, next %q, %v", ids(first), next, err)
	}
	rest, _, err := q.List(t.Context(), shop, false, query.DirectoryPage{Limit: 2, After: next})
	if err != nil || !slices.Equal(ids(append(first, rest...)), []string{"d", "c", "a"}) {
		t.Fatalf("pages %v + %v (%v)", ids(first), ids(rest), err)
	}
}

func TestARegulatorListsEveryUnrecordedCaptureAndAnAnalystNone(t *testing.T) {
	q := query.NewUnrecordedCaptures(jobs)
	got, _, err := q.List(t.Context(), regulator, false, query.DirectoryPage{Sort: "created"})
	if err != nil || !slices.Equal(ids(got), []string{"a", "b", "c", "d"}) {
		t.Fatalf("the regulator's jobs oldest first %v (%v)", ids(got), err)
	}
	if _, _, err := q.List(t.Context(), analyst, false, query.DirectoryPage{}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an analyst lists capture jobs: %v, want forbidden as on the capture interface", err)
	}
}
