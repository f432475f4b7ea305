// Package document reads EPCIS 2.0 documents (JSON-LD or XML) into typed
// events for capture. It reads through the event hash package's parsers
// (one parser per syntax, giving one neutral tree in the XML data model), so
// an event reads the same, and gets the same hash id, whichever syntax it
// came in. It checks what the standard requires of each event and the
// capture limits, naming each fault by its event's index and JSON path,
// and turns each event into the application's capture input, identifiers
// in the ledger's spellings (EPC URN and GS1 Digital Link both accepted).
package document
