package query_test

import (
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// caseModel holds cases and filters them only by the caller's rule.
type caseModel []query.ComplaintCase

func (m caseModel) Case(id string, _ time.Time) (query.ComplaintCase, bool) {
	for _, c := range m {
		if c.ComplaintID == id {
			return c, true
		}
	}
	return query.ComplaintCase{}, false
}

func (m caseModel) List(_ query.ComplaintFilter, _ time.Time, keep func(query.ComplaintCase) bool) query.ComplaintPage {
	pg := query.ComplaintPage{}
	for _, c := range m {
		if keep(c) {
			pg.Complaints = append(pg.Complaints, c)
		}
	}
	return pg
}

func TestComplaintCasesShowEachCallerWhatItMaySee(t *testing.T) {
	model := caseModel{
		{ComplaintID: "open", AgainstUSCC: shop, Status: "investigating", Contact: "138"},
		{ComplaintID: "new", AgainstUSCC: shop, Status: "filed", Contact: "139"},
		{ComplaintID: "other", AgainstUSCC: maker, Status: "accepted", Contact: "137"},
	}
	q := query.NewComplaints(model, settled(5))
	now := time.Now()
	cases := []struct {
		name    string
		actor   access.Actor
		list    string
		contact bool
	}{
		{"a regulator sees every case with the contact", access.Actor{Role: access.RoleRegulator}, "open new other ", true},
		{"an analyst sees every case without the contact", access.Actor{Role: access.RoleAnalyst}, "open new other ", false},
		{"the enterprise concerned sees its cases without the contact", access.Actor{Role: access.RoleEnterprise, USCC: shop}, "open new ", false},
		{"a stranger sees none", access.Actor{Role: access.RoleEnterprise, USCC: stranger}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg, err := q.List(t.Context(), query.Read{Actor: c.actor}, query.ComplaintFilter{}, now)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, k := range pg.Complaints {
				got += k.ComplaintID + " "
				if (k.Contact != "") != c.contact {
					t.Fatalf("%s: contact %q", k.ComplaintID, k.Contact)
				}
			}
			if got != c.list {
				t.Fatalf("list %q, want %q", got, c.list)
			}
		})
	}
	_, err := q.Case(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}, "open", now)
	_, unknown := q.Case(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}, "nope", now)
	if !errors.Is(err, domain.ErrNotFound) || err.Error() != "complaint open is not known" || !errors.Is(unknown, domain.ErrNotFound) {
		t.Fatalf("another enterprise's case: %v; unknown: %v", err, unknown)
	}
	if _, err := q.List(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleRegulator}}, query.ComplaintFilter{Overdue: "soon"}, now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("an unknown overdue filter: %v", err)
	}
}
