package query_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// recallRows is a recall model holding several lists.
type recallRows []query.RecallList

func (m recallRows) Get(_ context.Context, id string, _ time.Time, _ query.Directory) (query.RecallList, error) {
	return query.RecallList{}, domain.NotFound("id", "no_recall", "no recall %s", id)
}
func (m recallRows) All(context.Context, time.Time, query.Directory) ([]query.RecallList, error) {
	return m, nil
}
func (m recallRows) Inbox(context.Context, string, time.Time, query.Directory, uint64, int) ([]query.RecallNotice, uint64, error) {
	return nil, 0, nil
}

func TestTheRecallListFiltersByLevelStatusAndInitiatorAndPagesNewestFirst(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	var model recallRows
	for i := range 12 {
		l := query.RecallList{RecallID: fmt.Sprintf("R%02d", i), Level: 1 + i%3, Status: []string{"open", "overdue", "closed", "open"}[i%4],
			InitiatedBy: []string{maker, shop}[i%2], StartedAt: t0.Add(time.Duration(i) * time.Hour)}
		l.Holders = []query.RecallRow{{USCC: l.InitiatedBy}, {USCC: stranger}}
		model = append(model, l)
	}
	q := query.NewRecalls(model, nil, settled(5))
	ids := func(ls []query.RecallList) string {
		out := ""
		for _, l := range ls {
			out += l.RecallID + " "
		}
		return out
	}
	cases := []struct {
		name string
		rd   query.Read
		f    query.RecallFilter
		want string
	}{
		{"a level", regulator, query.RecallFilter{Level: 2}, "R01 R04 R07 R10 "},
		{"overdue", regulator, query.RecallFilter{Status: "overdue"}, "R01 R05 R09 "},
		{"an initiator", regulator, query.RecallFilter{Initiator: shop, Status: "closed"}, ""},
		{"an initiator's open ones", regulator, query.RecallFilter{Initiator: maker, Status: "open"}, "R00 R04 R08 "},
		{"an enterprise sees those it started or holds units of", query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}, query.RecallFilter{Level: 1}, "R03 R09 "},
		{"an enterprise with nothing to do with them sees none", query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: "91110000MA00000000"}}, query.RecallFilter{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ls, _, err := q.List(t.Context(), c.rd, c.f, query.DirectoryPage{}, t0)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(ls); got != c.want {
				t.Fatalf("listed %q, want %q", got, c.want)
			}
		})
	}
	var walked string
	after := ""
	for {
		ls, next, err := q.List(t.Context(), regulator, query.RecallFilter{}, query.DirectoryPage{Sort: "-started", After: after, Limit: 5}, t0)
		if err != nil {
			t.Fatal(err)
		}
		walked += ids(ls)
		if next == "" {
			break
		}
		after = next
	}
	if walked != "R11 R10 R09 R08 R07 R06 R05 R04 R03 R02 R01 R00 " {
		t.Fatalf("walked %q, want every recall once, newest first", walked)
	}
	for _, f := range []struct {
		f     query.RecallFilter
		field string
	}{{query.RecallFilter{Status: "late"}, "status"}, {query.RecallFilter{Level: 4}, "level"}} {
		var fe *domain.FieldError
		if _, _, err := q.List(t.Context(), regulator, f.f, query.DirectoryPage{}, t0); !errors.As(err, &fe) || fe.Field != f.field {
			t.Errorf("want an invalid %s, got %v", f.field, err)
		}
	}
}
