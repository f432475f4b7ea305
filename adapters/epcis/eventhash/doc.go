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
// Its known departures from the reference are listed on PreHash.
//
// The package reads documents (ParseJSONLD, ParseXML) into Event values, a
// neutral tree in the XML data model, and turns an Event into its pre-hash
// string (PreHash) and its hash ID (ID). It is an adapter-side codec: the
// domain never sees EPCIS documents, only what capture makes of them.
package eventhash
