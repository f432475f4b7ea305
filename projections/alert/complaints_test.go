package alert_test

import (
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/projections/alert"
)

type overdueCases []query.ComplaintCase

func (o overdueCases) Overdue(time.Time) []query.ComplaintCase { return o }

func TestOverdueComplaintCasesRaiseAlerts(t *testing.T) {
	tr, rl := models(t)
	cases := overdueCases{
		{ComplaintID: "c1", AgainstUSCC: ret, Status: "filed", Overdue: complaint.OverdueAcceptance, AcceptBy: "2026-11-20T09:00:00Z", GTIN: g},
		{ComplaintID: "c2", AgainstUSCC: ret, Status: "investigating", Overdue: complaint.OverdueConclusion, ConcludeBy: "2026-11-25T09:00:00Z", GTIN: g},
	}
	m := alert.WithComplaints(alert.New(tr, rl, nil), cases)
	r := report(t, m, now, 30, names{})
	kinds := map[string]query.Alert{}
	for _, a := range r.Alerts {
		kinds[a.Kind] = a
	}
	acc, con := kinds[alert.KindComplaintAcceptanceOverdue], kinds[alert.KindComplaintConclusionOverdue]
	if acc.ComplaintID != "c1" || acc.Due != "2026-11-20T09:00:00Z" || acc.USCC != "" {
		t.Fatalf("acceptance alert %+v: names the case and its deadline, no enterprise", acc)
	}
	if con.ComplaintID != "c2" || con.USCC != ret || con.Severity != alert.SeverityHigh {
		t.Fatalf("conclusion alert %+v: names the enterprise concerned", con)
	}
	if got := r.For(ret).Alerts; len(got) != 1 || got[0].ComplaintID != "c2" {
		t.Fatalf("the enterprise's alerts %+v: only the case it sees", got)
	}
}
