package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// The EPCIS 2.0 query interface (GS1's REST binding): every ledger event
// that is a physical or business event, read as EPCIS. Answers are
// EPCISQueryDocuments in JSON-LD (default) or XML (Accept:
// application/xml), with the binding's headers; errors are RFC 7807
// problems of the binding's exception types (epcis_problem.go).

// EPCISVersion and CBVVersion are the versions this interface answers in
// (GS1-EPCIS-Version, GS1-CBV-Version).
const (
	EPCISVersion = "2.0.0"
	CBVVersion   = "2.0.0"
)

// epcisEventTypes are the event types the ledger renders.
var epcisEventTypes = []string{"ObjectEvent", "AggregationEvent", "TransformationEvent"}

// epcisBizSteps and epcisDispositions are the CBV values the ledger's
// events render with (docs/epcis.md): what /epcis/bizSteps lists.
var (
	epcisBizSteps = []string{"accepting", "arriving", "commissioning", "creating_class_instance", "destroying",
		"holding", "inspecting", "packing", "receiving", "retail_selling", "shipping", "unpacking"}
	epcisDispositions = []string{"active", "conformant", "destroyed", "in_transit", "non_conformant",
		"non_sellable_other", "recalled", "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible"}
)

type epcisRoutes struct {
	q      *query.EPCISQueries
	cmds   EPCISQueryCommands // nil: no named queries
	proofs *ledgerProofs      // nil: ?proofs=true is refused
	now    func() time.Time

	// subs serves query subscriptions (nil: none).
	subs *subscriptionRoutes
}

// EPCISOption adds to what the EPCIS routes answer.
type EPCISOption func(*epcisRoutes)

// WithEPCISProofs lets a client ask (?proofs=true) for the latest signed
// checkpoint and each event's inclusion proof against it, so a partner's
// EPCIS data checks against the verifiable log with the verifier key.
func WithEPCISProofs(tree LedgerTree, heads LedgerHeads) EPCISOption {
	return func(er *epcisRoutes) { er.proofs = &ledgerProofs{tree: tree, heads: heads} }
}

// RouteEPCIS serves the EPCIS query interface under /epcis.
func (s *Server) RouteEPCIS(q *query.EPCISQueries, opts ...EPCISOption) {
	er := &epcisRoutes{q: q, now: time.Now}
	for _, o := range opts {
		o(er)
	}
	readers := Roles(access.Readers...)
	h := func(pattern string, fn func(w http.ResponseWriter, r *http.Request) error) {
		s.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			epcisHeaders(w)
			if err := fn(w, r); err != nil {
				s.writeProblem(w, r, err)
			}
		}), readers)
	}
	events := func(set func(f *query.EPCISFilter, v string) error, param string) func(http.ResponseWriter, *http.Request) error {
		return func(w http.ResponseWriter, r *http.Request) error {
			return er.events(w, r, func(f *query.EPCISFilter) error { return set(f, r.PathValue(param)) })
		}
	}
	h("GET /epcis/events", func(w http.ResponseWriter, r *http.Request) error { return er.events(w, r, nil) })
	h("GET /epcis/events/{eventID}", er.event)
	h("GET /epcis/eventTypes", collection(epcisEventTypes))
	h("GET /epcis/epcs", er.keys(query.EPCISKeyEPC))
	h("GET /epcis/bizLocations", er.keys(query.EPCISKeyBizLocation))
	h("GET /epcis/readPoints", er.keys(query.EPCISKeyReadPoint))
	h("GET /epcis/eventTypes/{eventType}/events", events(func(f *query.EPCISFilter, v string) error {
		f.EventTypes = []string{v}
		return nil
	}, "eventType"))
	h("GET /epcis/epcs/{epc}/events", events(func(f *query.EPCISFilter, v string) error {
		e, ok := querydoc.CanonicalEPC(v)
		if !ok {
			return badRequest("epc", "not_epc_urn_or_gs1", "is not an EPC URN or GS1 Digital Link")
		}
		f.MatchAnyEPC = append(f.MatchAnyEPC, e)
		return nil
	}, "epc"))
	h("GET /epcis/bizSteps", collection(epcisBizSteps))
	h("GET /epcis/bizSteps/{bizStep}/events", events(func(f *query.EPCISFilter, v string) error {
		f.BizSteps = []string{querydoc.ShortCBV("bizStep", v)}
		return nil
	}, "bizStep"))
	h("GET /epcis/dispositions", collection(epcisDispositions))
	h("GET /epcis/dispositions/{disposition}/events", events(func(f *query.EPCISFilter, v string) error {
		f.Dispositions = []string{querydoc.ShortCBV("disposition", v)}
		return nil
	}, "disposition"))
	h("GET /epcis/bizLocations/{bizLocation}/events", events(func(f *query.EPCISFilter, v string) error {
		f.BizLocations = []string{v}
		return nil
	}, "bizLocation"))
	h("GET /epcis/readPoints/{readPoint}/events", events(func(f *query.EPCISFilter, v string) error {
		f.ReadPoints = []string{v}
		return nil
	}, "readPoint"))
	if er.cmds != nil {
		s.routeNamedQueries(er, h)
	}
	if er.cmds != nil && er.subs != nil {
		s.routeSubscriptions(er, h)
	}
}

// epcisHeaders are the binding's headers on every answer.
func epcisHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("GS1-EPCIS-Version", EPCISVersion)
	h.Set("GS1-CBV-Version", CBVVersion)
	h.Set("GS1-EPC-Format", "Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates")
}

func collection(members []string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := querydoc.Collection(members)
		if err != nil {
			return err
		}
		writeJSONBytes(w, http.StatusOK, append(b, '\n'))
		return nil
	}
}

// keys answers a page of the identifiers of kind the reader may see, as
// a Collection; EPCs are written in the asked GS1-EPC-Format. The Link of
// the next page is the request's own URL with the next token.
func (er *epcisRoutes) keys(kind query.EPCISKeyKind) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		format, ok := querydoc.ParseEPCFormat(r.Header.Get("GS1-EPC-Format"))
		if !ok {
			return badRequest("GS1-EPC-Format", "must_always_gs1_digital_link", "must be Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates or No_Preference")
		}
		perPage, token, err := parseCollectionParams(r.URL.Query())
		if err != nil {
			return err
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		page, err := er.q.Keys(r.Context(), rd.Read, kind, perPage, token)
		if err = rd.answered(w, er.q, err); err != nil {
			return err
		}
		linkNextPage(w, r, page.NextPageToken)
		members := page.Members
		if kind == query.EPCISKeyEPC {
			members = make([]string, len(page.Members))
			for i, m := range page.Members {
				members[i] = querydoc.EPC(m, format)
			}
		}
		return collection(members)(w, r)
	}
}

// events answers a page of events matching the query parameters and, on
// a top-level resource, the resource's own filter (path).
func (er *epcisRoutes) events(w http.ResponseWriter, r *http.Request, path func(f *query.EPCISFilter) error) error {
	return er.eventsOf(w, r, r.URL.Query(), "SimpleEventQuery", path)
}

// eventsOf answers a page of the events matching the query parameters
// vals (and path's filter), as the query named queryName; the Link of the
// next page is the request's own URL with the next token.
func (er *epcisRoutes) eventsOf(w http.ResponseWriter, r *http.Request, vals url.Values, queryName string, path func(f *query.EPCISFilter) error) error {
	asXML, err := wantsXML(r)
	if err != nil {
		return err
	}
	format, ok := querydoc.ParseEPCFormat(r.Header.Get("GS1-EPC-Format"))
	if !ok {
		return badRequest("GS1-EPC-Format", "must_always_gs1_digital_link", "must be Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates or No_Preference")
	}
	p, err := parseEPCISParams(vals)
	if err != nil {
		return err
	}
	if path != nil {
		if err := path(&p.filter); err != nil {
			return err
		}
	}
	if p.proofs && er.proofs == nil {
		return badRequest("proofs", "this_server_keeps_no_verifiable", "this server keeps no verifiable log")
	}
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	page, err := er.q.Events(r.Context(), rd.Read, p.filter, p.perPage, p.token)
	if err = rd.answered(w, er.q, err); err != nil {
		return err
	}
	linkNextPage(w, r, page.NextPageToken)
	doc := querydoc.Page{QueryName: queryName, Events: page.Events, Format: format, Created: er.now()}
	if p.proofs {
		if err := er.attachProofs(&doc); err != nil {
			return err
		}
	}
	return writeDocument(w, doc, asXML)
}

// event answers one event by its hash id, as a one-event query document.
func (er *epcisRoutes) event(w http.ResponseWriter, r *http.Request) error {
	asXML, err := wantsXML(r)
	if err != nil {
		return err
	}
	format, ok := querydoc.ParseEPCFormat(r.Header.Get("GS1-EPC-Format"))
	if !ok {
		return badRequest("GS1-EPC-Format", "must_always_gs1_digital_link", "must be Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates or No_Preference")
	}
	proofs := r.URL.Query().Get("proofs") == "true"
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	ev, err := er.q.Event(r.Context(), rd.Read, r.PathValue("eventID"))
	if err = rd.answered(w, er.q, err); err != nil {
		return err
	}
	doc := querydoc.Page{QueryName: "SimpleEventQuery", Events: []query.EPCISEvent{ev}, Format: format, Created: er.now()}
	if proofs && er.proofs != nil {
		if err := er.attachProofs(&doc); err != nil {
			return err
		}
	}
	return writeDocument(w, doc, asXML)
}

// attachProofs adds the latest checkpoint and the proof of every event it
// covers (events after it have none until the next, within a second).
func (er *epcisRoutes) attachProofs(doc *querydoc.Page) error {
	note, size, _, ok := er.proofs.heads.LatestCheckpoint()
	if !ok || er.proofs.tree.Size() < size {
		return nil
	}
	doc.Checkpoint = string(note)
	doc.Proofs = []querydoc.Proof{}
	for _, ev := range doc.Events {
		if ev.Position == 0 || ev.Position > size {
			continue
		}
		p, err := inclusion(er.proofs.tree, ev.Position, size)
		if err != nil {
			return err
		}
		doc.Proofs = append(doc.Proofs, querydoc.Proof{EventID: ev.EventID, RecordHash: ev.RecordHash, Position: p.Position, LeafIndex: p.LeafIndex, TreeSize: p.TreeSize, Hashes: p.Hashes})
	}
	return nil
}

func writeDocument(w http.ResponseWriter, doc querydoc.Page, asXML bool) error {
	if asXML {
		body := querydoc.XML(doc)
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
		return nil
	}
	b, err := querydoc.JSONLD(doc)
	if err != nil {
		return err
	}
	writeJSONBytes(w, http.StatusOK, append(b, '\n'))
	return nil
}

// wantsXML reads Accept: XML when it asks for XML and not JSON, JSON-LD
// otherwise; a type of neither is 406.
func wantsXML(r *http.Request) (bool, error) {
	acc := r.Header.Get("Accept")
	if acc == "" {
		return false, nil
	}
	var xmlOK, jsonOK bool
	for _, part := range strings.Split(acc, ",") {
		mt := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		switch mt {
		case "application/xml", "text/xml":
			xmlOK = true
		case "application/json", "application/ld+json", "*/*", "application/*":
			jsonOK = true
		}
	}
	switch {
	case jsonOK:
		return false, nil
	case xmlOK:
		return true, nil
	}
	return false, &requestError{status: http.StatusNotAcceptable, code: "not_acceptable", field: "Accept",
		message: "answers are application/json (JSON-LD) or application/xml"}
}
