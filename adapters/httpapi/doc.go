// Package httpapi is the ledger's HTTP adapter: it turns requests into
// command calls and reads of the log, and command outcomes and domain errors
// into the JSON and status codes of the contract (docs/api/openapi.yaml).
//
// It is the only place where an error becomes an HTTP status. Handlers
// registered later (queries, the web UI, the Digital Link resolver) go
// through Server.Handle or Server.HandleFunc and so share authentication,
// rate limiting, metrics, the access log and the error shape.
package httpapi
