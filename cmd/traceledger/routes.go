package main

import (
	"context"

	"github.com/traceledger/traceledger/adapters/httpapi"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/adapters/webui"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/alert"
	"github.com/traceledger/traceledger/projections/runner"
)

// routeQueries builds the read use cases over the read models and adds
// their routes to the API. Each query waits only for the projections it
// reads (rn.Of), so one that lags or failed holds back no other. store
// reads the events a history lists; cmds records named EPCIS queries; ern
// is the EPCIS model's own runner; rs, when set, moves histories, traces
// and recall lists to ClickHouse; epcisOpts add to the EPCIS routes.
func routeQueries(api *httpapi.Server, m *models, rn *runner.Runner, store query.EventReader, ledger *notary.Notary, dash *dashboards, rs *readSide, cmds httpapi.EPCISQueryCommands, ern *runner.Runner, epcisOpts ...httpapi.EPCISOption) {
	names := m.directory.Names()
	of := func(ps ...runner.Projection) query.Progress {
		ns := make([]string, len(ps))
		for i, p := range ps {
			ns[i] = p.Name()
		}
		return rn.Of(ns...)
	}
	api.RouteCertificates(query.NewCertificates(m.cert, of(m.cert)))
	api.RouteHistories(query.NewHistories(rs.histories(m.history), store, rs.progress(of(m.history, m.merkle))), store, httpapi.WithLedgerProofs(m.merkle, ledger),
		httpapi.WithActorNames(names))
	api.RouteLedger(query.NewLedger(m.merkle, ledger, of(m.merkle)))
	api.RouteRisk(query.NewGrades(m.risk, names, of(m.risk, m.directory)))
	api.RouteBlacklist(query.NewBlacklists(m.risk, names, of(m.risk, m.directory)))
	api.RouteAnalyticsFrom(query.NewDashboards(dash, dashboardModels{dash}))
	api.RouteTrace(query.NewTraces(rs.traces(m.trace), names, rs.progress(of(m.trace, m.directory))))
	api.RouteRecalls(query.NewRecalls(rs.recalls(m.recalls), m.directory.Contacts(), rs.progress(of(m.recalls, m.trace, m.directory, m.cert))).WithProducts(m.cert),
		httpapi.WithRecallLedgerHead(ledger))
	api.RouteAlerts(query.NewAlerts(alert.WithComplaints(alert.New(m.trace, m.recalls, m.cert).WithWithdrawals(m.withdrawals), m.complaints), names,
		of(m.trace, m.recalls, m.cert, m.directory, m.complaints, m.withdrawals)).WithScope(dash))
	api.RouteDeclarations(query.NewDeclarations(m.decls, names, of(m.decls, m.directory)))
	api.RouteWithdrawals(query.NewWithdrawals(m.withdrawals, of(m.withdrawals)))
	api.RouteMe(query.NewIdentities(names, of(m.directory)).WithCommands(command.Capabilities))
	api.RouteDirectories(query.NewEnterpriseDirectory(m.directory, m.risk, of(m.directory, m.risk)),
		query.NewProductDirectory(m.cert, of(m.cert)), query.NewDeclarations(m.decls, names, of(m.decls, m.directory)))
	api.RouteBatchDirectory(query.NewBatchDirectory(m.trace, of(m.trace)))
	api.RouteEnterpriseProfiles(query.NewEnterpriseProfiles(m.directory, m.risk, m.trace, of(m.directory, m.risk, m.trace)))
	api.RouteContainers(query.NewContainers(m.containers, names, of(m.containers, m.directory)),
		query.NewTransformations(m.trace, names, of(m.trace, m.directory)))
	api.RouteEPCIS(query.NewEPCISQueries(m.epcis, m.history, bothProgress{ern.Of(m.epcis.Name()), of(m.history, m.merkle)}), append([]httpapi.EPCISOption{httpapi.WithEPCISProofs(m.merkle, ledger), httpapi.WithNamedQueries(cmds)}, epcisOpts...)...)
	api.RouteStock(query.NewStocks(m.trace, of(m.trace)))
	webui.Register(api)
}

// bothProgress is the progress of models folded by two runners: a query
// reading both waits for both, and has reached the lower position.
type bothProgress struct{ a, b query.Progress }

func (p bothProgress) WaitFor(ctx context.Context, pos uint64) error {
	if err := p.a.WaitFor(ctx, pos); err != nil {
		return err
	}
	return p.b.WaitFor(ctx, pos)
}

func (p bothProgress) Position() uint64 { return min(p.a.Position(), p.b.Position()) }
