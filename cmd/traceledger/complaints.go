package main

import (
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/projections/runner"
)

// routeComplaints adds the complaint cases' routes: the public intake and
// the regulators' and enterprises' commands through cmds, the case list
// and details over the case list model, and the consumer's status lookup.
// --rate-limit 0 turns the public intake's and the lookup's limits off too.
func routeComplaints(api *httpapi.Server, cmds httpapi.ComplaintCommands, m *models, rn *runner.Runner, cfg Config) {
	var opts []httpapi.ComplaintOption
	if cfg.RateLimit == 0 {
		opts = append(opts, httpapi.WithIntakeRate(-1, 0), httpapi.WithLookupRate(-1, 0))
	}
	api.RouteComplaints(cmds, query.NewComplaints(m.complaints, rn.Of(m.complaints.Name())), opts...)
}

// complaintCases is the demo's complaint cases by status, as printed.
func complaintCases(by map[string]int) string {
	var parts []string
	for _, s := range complaint.Statuses {
		parts = append(parts, fmt.Sprintf("%d %s", by[string(s)], s))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf("; %d through the public intake", by["public_intake"])
}
