// Package query holds the read use cases every port calls (the HTTP API,
// the web UI through it, the notifier and, next, EPCIS queries): item,
// batch, product and enterprise histories, traces and item paths, recall
// lists, alerts, credit grades, customs declarations, certificates, the
// analytics dashboards and the verifiable log.
//
// Each query owns two things a port must not decide for itself:
//
//   - the consistency wait: a Read carries the log position the client has
//     written up to (MinPosition), and the query waits, bounded by
//     ReadWait, until the read models it reads (and only those) have
//     applied it; a model that cannot get there is a *StaleError;
//   - the access rule: who may see which history, trace, recall row,
//     grade or declaration, decided by the rules of domain/access and
//     applied here, answered as domain.Forbidden.
//
// The package declares the small interfaces it reads the projections
// through (the read ports: HistoryModel, RecallModel, TraceModel, ...) and
// the answers they return (ItemCard, PositionPage, RecallList, TraceGraph,
// ItemPath, Grade, AlertReport, DeclarationView, CertificateView and the
// dashboards' answers), so it imports no projection: the projections
// import it and build these types. Queries return those answers or domain
// errors (Forbidden, NotFound, Invalid, Conflict); parsing wire formats and
// choosing statuses stays in the ports.
package query
