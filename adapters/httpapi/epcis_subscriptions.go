package httpapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcissub"
)

// EPCISSubscriptionCommands record and cancel webhook subscriptions to
// named EPCIS queries; *command.Handlers implements it.
type EPCISSubscriptionCommands interface {
	SubscribeEPCISQuery(ctx context.Context, a access.Actor, in command.SubscribeEPCISQuery) (command.Outcome, error)
	UnsubscribeEPCISQuery(ctx context.Context, a access.Actor, in command.UnsubscribeEPCISQuery) (command.Outcome, error)
}

// subscriptionRoutes serve the binding's query subscriptions.
type subscriptionRoutes struct {
	cmds EPCISSubscriptionCommands
	subs *query.EPCISSubscriptions
	// pingEvery is how long a WebSocket subscription may stay silent
	// before a ping checks its client is still there.
	pingEvery time.Duration
	// stop ends every WebSocket subscription (the server is stopping:
	// hijacked connections outlive http.Server.Shutdown).
	stop context.Context
}

// WithSubscriptions serves query subscriptions: webhooks
// (/epcis/queries/{queryName}/subscriptions, delivered by
// adapters/epcis/subscription) and WebSockets (an Upgrade on
// /epcis/queries/{queryName}/events), which end when stop does. It needs
// WithNamedQueries.
func WithSubscriptions(stop context.Context, cmds EPCISSubscriptionCommands, subs *query.EPCISSubscriptions) EPCISOption {
	return func(er *epcisRoutes) {
		er.subs = &subscriptionRoutes{cmds: cmds, subs: subs, pingEvery: 30 * time.Second, stop: stop}
	}
}

// ParseEPCISQuery reads a named query's stored parameters (URL-encoded)
// as the filter GET /epcis/events would apply: what a subscription
// delivers.
func ParseEPCISQuery(raw string) (query.EPCISFilter, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return query.EPCISFilter{}, badRequest("query", "not_url_encoded_parameters", "is not URL-encoded parameters")
	}
	p, err := parseEPCISParams(vals)
	return p.filter, err
}

// subscriptionRequest is the binding's subscription: a webhook and when
// to deliver (stream, or a schedule).
type subscriptionRequest struct {
	Dest              string             `json:"dest"`
	SignatureToken    string             `json:"signatureToken"`
	Stream            bool               `json:"stream"`
	ReportIfEmpty     bool               `json:"reportIfEmpty"`
	Schedule          *epcissub.Schedule `json:"schedule"`
	InitialRecordTime *time.Time         `json:"initialRecordTime"`
}

// subscriptionResponse is the binding's QueryStreamSubscription answer;
// the signature token is never answered.
type subscriptionResponse struct {
	SubscriptionID    string             `json:"subscriptionID"`
	QueryName         string             `json:"queryName"`
	Dest              string             `json:"dest"`
	Stream            bool               `json:"stream,omitempty"`
	Schedule          *epcissub.Schedule `json:"schedule,omitempty"`
	ReportIfEmpty     bool               `json:"reportIfEmpty,omitempty"`
	Signed            bool               `json:"signed"`
	CreatedAt         time.Time          `json:"createdAt"`
	InitialRecordTime *time.Time         `json:"initialRecordTime,omitempty"`
	EPCFormat         string             `json:"epcFormat,omitempty"`
}

func subscriptionOf(s query.EPCISSubscription) subscriptionResponse {
	return subscriptionResponse{SubscriptionID: s.ID, QueryName: s.QueryName, Dest: s.Dest, Stream: s.Stream, Schedule: s.Schedule, ReportIfEmpty: s.ReportIfEmpty,
		Signed: s.SignatureSealed != "", CreatedAt: s.CreatedAt, InitialRecordTime: s.InitialRecordTime, EPCFormat: s.EPCFormat}
}

func (s *Server) routeSubscriptions(er *epcisRoutes, h func(string, func(http.ResponseWriter, *http.Request) error)) {
	sr := er.subs
	discovery := func(allow string) func(http.ResponseWriter, *http.Request) error {
		return func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Allow", allow)
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
	}
	h("OPTIONS /epcis/queries/{queryName}/subscriptions", discovery("OPTIONS, GET, POST"))
	h("OPTIONS /epcis/queries/{queryName}/subscriptions/{subscriptionID}", discovery("OPTIONS, GET, DELETE"))
	h("POST /epcis/queries/{queryName}/subscriptions", func(w http.ResponseWriter, r *http.Request) error {
		return s.subscribe(er, w, r)
	})
	h("GET /epcis/queries/{queryName}/subscriptions", func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		perPage, after := query.DefaultEPCISPerPage, ""
		for name, vs := range q {
			switch v := vs[0]; name {
			case "perPage":
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > query.MaxEPCISPerPage {
					return badRequest(name, "must_integer_from_1", "must be an integer from 1 to %d", query.MaxEPCISPerPage)
				}
				perPage = n
			case "nextPageToken":
				b, err := base64.RawURLEncoding.DecodeString(v)
				if err != nil || len(b) > 64 {
					return badRequest(name, "not_token_this_list_gave", "is not a token this list gave")
				}
				after = string(b)
			case "min_position":
			default:
				return badRequest(name, "not_query_parameter_this_list", "is not a query parameter of this list")
			}
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		name := r.PathValue("queryName")
		if _, err := er.q.NamedQuery(r.Context(), rd.Read, name); err != nil {
			return rd.answered(w, er.q, err)
		}
		page, next, err := sr.subs.Of(r.Context(), rd.Read, name, after, perPage)
		if err = rd.answered(w, sr.subs, err); err != nil {
			return err
		}
		linkNextCursor(w, r, next)
		out := make([]subscriptionResponse, len(page))
		for i, sub := range page {
			out[i] = subscriptionOf(sub)
		}
		b, _ := json.Marshal(out)
		writeJSONBytes(w, http.StatusOK, append(b, '\n'))
		return nil
	})
	h("GET /epcis/queries/{queryName}/subscriptions/{subscriptionID}", func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		sub, err := sr.subs.Get(r.Context(), rd.Read, r.PathValue("queryName"), r.PathValue("subscriptionID"))
		if err = rd.answered(w, sr.subs, err); err != nil {
			return err
		}
		b, _ := json.Marshal(subscriptionOf(sub))
		writeJSONBytes(w, http.StatusOK, append(b, '\n'))
		return nil
	})
	h("DELETE /epcis/queries/{queryName}/subscriptions/{subscriptionID}", func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		// The subscription must be of this query: one of another query
		// answers as a missing one.
		if _, err := sr.subs.Get(r.Context(), rd.Read, r.PathValue("queryName"), r.PathValue("subscriptionID")); err != nil {
			return rd.answered(w, sr.subs, err)
		}
		out, err := sr.cmds.UnsubscribeEPCISQuery(r.Context(), rd.Actor, command.UnsubscribeEPCISQuery{SubscriptionID: r.PathValue("subscriptionID")})
		if err != nil {
			return err
		}
		w.Header().Set(PositionHeader, strconv.FormatUint(out.Head(), 10))
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// subscribe records a webhook subscription to the reader's named query
// and answers it (201, Location) once the subscription model holds it.
func (s *Server) subscribe(er *epcisRoutes, w http.ResponseWriter, r *http.Request) error {
	sr := er.subs
	format := r.Header.Get("GS1-EPC-Format")
	if _, ok := querydoc.ParseEPCFormat(format); !ok {
		return badRequest("GS1-EPC-Format", "must_always_gs1_digital_link", "must be Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates or No_Preference")
	}
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	var req subscriptionRequest
	if err := decodeJSON(body, &req, false); err != nil {
		return err
	}
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	name := r.PathValue("queryName")
	out, err := sr.cmds.SubscribeEPCISQuery(r.Context(), rd.Actor, command.SubscribeEPCISQuery{QueryName: name,
		Dest: req.Dest, SignatureToken: req.SignatureToken, Stream: req.Stream, Schedule: req.Schedule, ReportIfEmpty: req.ReportIfEmpty,
		InitialRecordTime: req.InitialRecordTime, EPCFormat: format})
	if err != nil {
		return err
	}
	loc := "/epcis/queries/" + url.PathEscape(name) + "/subscriptions/" + out.SubscriptionID
	w.Header().Set(PositionHeader, strconv.FormatUint(out.Head(), 10))
	w.Header().Set("Location", loc)
	sub, err := sr.subs.Get(r.Context(), query.Read{Actor: rd.Actor, MinPosition: out.Head()}, name, out.SubscriptionID)
	if err != nil {
		// Recorded, but the model is not there yet (or the query was
		// deleted meanwhile): answer what was recorded.
		sub = query.EPCISSubscription{ID: out.SubscriptionID, QueryName: name, Dest: req.Dest, Stream: req.Stream, Schedule: req.Schedule, ReportIfEmpty: req.ReportIfEmpty,
			SignatureSealed: req.SignatureToken, CreatedAt: er.now().UTC(), InitialRecordTime: req.InitialRecordTime, EPCFormat: format}
	}
	b, _ := json.Marshal(subscriptionOf(sub))
	writeJSONBytes(w, http.StatusCreated, append(b, '\n'))
	return nil
}
