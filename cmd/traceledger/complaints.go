package main

import (
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// routeComplaints adds the complaint cases' routes: the public intake and
// the regulators' and enterprises' commands through cmds, the case list
// and details over the case list model.
func routeComplaints(api *httpapi.Server, cmds httpapi.ComplaintCommands, m *models, rn *runner.Runner) {
	api.RouteComplaints(cmds, query.NewComplaints(m.complaints, rn.Of(m.complaints.Name())))
}
