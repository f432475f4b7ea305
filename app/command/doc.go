// Package command is the write side of the application layer: one handler
// per command of the ledger, the use cases every port calls (HTTP, the demo,
// the recall notifier, next the EPCIS capture).
//
// It owns what is not a rule of the domain and not a wire format:
//
//   - the inputs, as decoding-independent structs a port fills (the JSON
//     tags are the contract's names, so the HTTP adapter decodes into them);
//   - parsing raw fields into the domain's value types, naming the field of
//     the first problem;
//   - the unit of work: striped locks on the streams a command touches, the
//     aggregate cache, one atomic append with the expected versions;
//   - the one execution path (execute): a command whose append meets a
//     concurrent writer is decided again, up to three times, on fresh
//     aggregates; an Observer (metrics, in an adapter) hears how it ended;
//   - correlation and causation ids recorded in the events' metadata.
//
// It decides nothing itself: who may act for whom is access.Actor's, and
// every invariant is checked by the aggregate it protects (or a domain
// service when it spans aggregates), which raises its own events. A handler
// loads, asks, and appends. It imports the domain only, never an adapter.
//
// To add a command: its input struct in inputs.go; a decision method
// (lower-case, in the file of its aggregate) that parses the input, begins a
// unit with every stream it writes and reads, loads the aggregates, calls
// their behaviour methods and commits; the exported method in commands.go
// that runs it through execute; then a route in the ports that need it.
// A new rule goes into the aggregate (with a given/when/then test there),
// never into the handler.
package command
