package main

import (
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/projections/runner"
)

// routeQueries adds the read models' routes to the API.
func routeQueries(api *httpapi.Server, m *models, rn *runner.Runner) {
	api.RouteRisk(m.risk, nil, rn)
	api.RouteAnalytics(m.risk, rn)
}
