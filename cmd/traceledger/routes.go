package main

import (
	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/adapters/webui"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/runner"
)

// routeQueries adds the read models' routes to the API. store reads the
// events a history lists.
func routeQueries(api *httpapi.Server, m *models, rn *runner.Runner, store httpapi.HistoryReader, ledger *notary.Notary, dash *dashboards) {
	api.RouteCertificates(m.cert, rn)
	api.RouteHistories(m.history, store, rn, httpapi.WithLedgerProofs(m.merkle, ledger))
	api.RouteLedger(m.merkle, ledger, rn)
	api.RouteRisk(m.risk, m.directory.Names(), rn)
	api.RouteAnalyticsFrom(dash, dashboardModels{dash})
	api.RouteTrace(m.trace, m.directory.Names(), rn)
	api.RouteRecalls(m.recalls, m.directory.Contacts(), rn)
	api.RouteAlerts(alert.New(m.trace, m.recalls, m.cert), m.directory.Names(), rn)
	api.RouteDeclarations(m.decls, m.directory.Names(), rn)
	webui.Register(api)
}
