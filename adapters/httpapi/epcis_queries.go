package httpapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// EPCISQueryCommands save and delete named EPCIS queries.
// *command.Handlers implements it.
type EPCISQueryCommands interface {
	DefineEPCISQuery(ctx context.Context, a access.Actor, in command.DefineEPCISQuery) (command.Outcome, error)
	DeleteEPCISQuery(ctx context.Context, a access.Actor, in command.DeleteEPCISQuery) (command.Outcome, error)
}

// WithNamedQueries serves the binding's named queries (/epcis/queries):
// a reader saves a query under a name of its own (stored as events, so
// they survive restarts) and asks it by name.
func WithNamedQueries(cmds EPCISQueryCommands) EPCISOption {
	return func(er *epcisRoutes) { er.cmds = cmds }
}

// queryDefinition is the binding's QueryDefinition: a name and the query's
// parameters, each a string or a list of strings.
type queryDefinition struct {
	Name  string         `json:"name"`
	Query map[string]any `json:"query"`
}

func (s *Server) routeNamedQueries(er *epcisRoutes, h func(string, func(http.ResponseWriter, *http.Request) error)) {
	h("POST /epcis/queries", func(w http.ResponseWriter, r *http.Request) error {
		body, err := s.readBody(w, r)
		if err != nil {
			return err
		}
		var def queryDefinition
		if err := decodeJSON(body, &def, false); err != nil {
			return err
		}
		vals, err := definitionValues(def.Query)
		if err != nil {
			return err
		}
		if _, err := parseEPCISParams(vals); err != nil {
			return err
		}
		a, _ := ActorFrom(r.Context())
		out, err := er.cmds.DefineEPCISQuery(r.Context(), a, command.DefineEPCISQuery{Name: def.Name, Query: vals.Encode()})
		if err != nil {
			return err
		}
		w.Header().Set(PositionHeader, strconv.FormatUint(out.Head(), 10))
		w.Header().Set("Location", "/epcis/queries/"+url.PathEscape(def.Name))
		b, _ := json.Marshal(def)
		writeJSONBytes(w, http.StatusCreated, append(b, '\n'))
		return nil
	})
	h("GET /epcis/queries", func(w http.ResponseWriter, r *http.Request) error {
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
				if err != nil {
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
		page, next, err := er.q.NamedQueries(r.Context(), rd.Read, after, perPage)
		if err = rd.answered(w, er.q, err); err != nil {
			return err
		}
		linkNextCursor(w, r, next)
		defs := make([]queryDefinition, len(page))
		for i, n := range page {
			defs[i] = definitionOf(n)
		}
		b, _ := json.Marshal(defs)
		writeJSONBytes(w, http.StatusOK, append(b, '\n'))
		return nil
	})
	h("GET /epcis/queries/{queryName}", func(w http.ResponseWriter, r *http.Request) error {
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		n, err := er.q.NamedQuery(r.Context(), rd.Read, r.PathValue("queryName"))
		if err = rd.answered(w, er.q, err); err != nil {
			return err
		}
		b, _ := json.Marshal(definitionOf(n))
		writeJSONBytes(w, http.StatusOK, append(b, '\n'))
		return nil
	})
	h("DELETE /epcis/queries/{queryName}", func(w http.ResponseWriter, r *http.Request) error {
		a, _ := ActorFrom(r.Context())
		out, err := er.cmds.DeleteEPCISQuery(r.Context(), a, command.DeleteEPCISQuery{Name: r.PathValue("queryName")})
		if err != nil {
			return err
		}
		w.Header().Set(PositionHeader, strconv.FormatUint(out.Head(), 10))
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	h("GET /epcis/queries/{queryName}/events", func(w http.ResponseWriter, r *http.Request) error {
		if er.subs != nil && isWebSocket(r) {
			return er.subs.websocket(er, w, r)
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		n, err := er.q.NamedQuery(r.Context(), rd.Read, r.PathValue("queryName"))
		if err != nil {
			return rd.answered(w, er.q, err)
		}
		stored, err := url.ParseQuery(n.Query)
		if err != nil {
			return fmt.Errorf("stored query %s: %w", n.Name, err)
		}
		// The request adds its paging and proofs to the stored filters.
		for k, vs := range r.URL.Query() {
			switch k {
			case "perPage", "nextPageToken", "proofs", "min_position":
				stored[k] = vs
			default:
				return badRequest(k, "named_query_takes_only_perpage", "a named query takes only perPage, nextPageToken and proofs")
			}
		}
		return er.eventsOf(w, r, stored, n.Name, nil)
	})
}

// definitionValues turns a QueryDefinition's query into query parameters.
func definitionValues(q map[string]any) (url.Values, error) {
	if len(q) == 0 {
		return nil, badRequest("query", "required_object_epcis_query_parameters", "is required: an object of EPCIS query parameters")
	}
	vals := url.Values{}
	for k, v := range q {
		switch v := v.(type) {
		case string:
			vals.Add(k, v)
		case float64:
			vals.Add(k, strconv.FormatFloat(v, 'f', -1, 64))
		case []any:
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					return nil, badRequest("query."+k, "must_string_or_list_strings", "must be a string or a list of strings")
				}
				vals.Add(k, s)
			}
		default:
			return nil, badRequest("query."+k, "must_string_or_list_strings", "must be a string or a list of strings")
		}
	}
	for _, k := range []string{"nextPageToken", "min_position", "proofs"} {
		if vals.Has(k) {
			return nil, badRequest("query."+k, "belongs_request_not_query", "belongs to a request, not to a query")
		}
	}
	return vals, nil
}

func definitionOf(n query.NamedEPCISQuery) queryDefinition {
	vals, _ := url.ParseQuery(n.Query)
	q := map[string]any{}
	for k, vs := range vals {
		if len(vs) == 1 {
			q[k] = vs[0]
		} else {
			q[k] = vs
		}
	}
	return queryDefinition{Name: n.Name, Query: q}
}
