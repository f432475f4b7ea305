// Package eventhash computes the GS1 CBV 2.0 event hash ID of EPCIS 2.0
// events: a name-based identifier ("ni:///sha-256;<hex>?ver=CBV2.0") that
// any party derives from the event's content alone, so that two systems
// holding the same event, captured as JSON-LD or as XML, spelled with EPC
// URNs or with GS1 Digital Links, agree on its identity without talking to
// each other. EPCIS capture uses it to spot an event captured twice.
//
// The algorithm (CBV 2.0, "Event hash ID") builds a pre-hash string from the
// event's fields in a fixed order, in a normal form (identifiers as
// canonical GS1 Digital Links, times in UTC to the millisecond, CBV values
// as web vocabulary URIs, numbers without redundant zeros, user extensions
// sorted), and hashes it with SHA-256. Where the standard's text leaves a
// choice open, this package does what the reference implementation
// (github.com/RalphTro/epcis-event-hash-generator) does, because that is
// what other EPCIS repositories compute and the point of a hash ID is that
// everyone gets the same one; the test vectors in testdata come from it.
//
// It departs from the reference only where the reference fails, depends on
// accidents, or gives one event two ids; no test vector is affected:
//
//   - XML Schema instance attributes (xsi:type) are not fields, since
//     JSON-LD cannot express them (the reference hashes them);
//   - a bare JSON-LD term ("shipping") is expanded only in the fields the
//     EPCIS context types with its vocabulary (the reference expands any
//     string of the document equal to a term used somewhere);
//   - the EPCIS context's own prefixes (gs1, cbv, cbvmda, ...) expand
//     JSON-LD keys even when the document does not redeclare them, and
//     "gs1:" and "cbv:" values are expanded in JSON-LD as in XML;
//   - JSON booleans are "true" and "false" as in XML (not "True"), null
//     fields and "@" keys are absent;
//   - a typed list entry (bizTransaction, source, destination) is written
//     type first whatever the JSON key order, and without a type when it
//     has none (the reference fails);
//   - a timestamp whose microseconds round up to a whole second carries
//     into the seconds, and one without a zone is UTC (the reference fails,
//     or uses the machine's zone); infinite numbers are left as written;
//   - every field an ignoreFields list names is left out, not only the
//     first.
//
// The package reads documents (ParseJSONLD, ParseXML) into Event values, a
// neutral tree in the XML data model, and turns an Event into its pre-hash
// string (PreHash) and its hash ID (ID). It is an adapter-side codec: the
// domain never sees EPCIS documents, only what capture makes of them.
package eventhash
