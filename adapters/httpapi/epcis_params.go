package httpapi

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/query"
)

// Bounds of an EPCIS query's parameters.
const (
	maxEPCISParamValues = 100
	maxEPCISValueLength = 500
)

// epcisParams is a parsed EPCIS query string.
type epcisParams struct {
	filter  query.EPCISFilter
	perPage int
	token   string
	proofs  bool
}

// epcisListParams are the parameters whose value is a list (pipe-delimited
// or repeated), each with where it goes and how a value is normalised.
var epcisListParams = map[string]struct {
	field func(f *query.EPCISFilter) *[]string
	norm  func(v string) (string, bool)
}{
	"eventType":       {func(f *query.EPCISFilter) *[]string { return &f.EventTypes }, keep},
	"EQ_action":       {func(f *query.EPCISFilter) *[]string { return &f.Actions }, action},
	"EQ_bizStep":      {func(f *query.EPCISFilter) *[]string { return &f.BizSteps }, cbv("bizStep")},
	"EQ_disposition":  {func(f *query.EPCISFilter) *[]string { return &f.Dispositions }, cbv("disposition")},
	"EQ_readPoint":    {func(f *query.EPCISFilter) *[]string { return &f.ReadPoints }, keep},
	"EQ_bizLocation":  {func(f *query.EPCISFilter) *[]string { return &f.BizLocations }, keep},
	"EQ_eventID":      {func(f *query.EPCISFilter) *[]string { return &f.EventIDs }, keep},
	"MATCH_epc":       {func(f *query.EPCISFilter) *[]string { return &f.MatchEPC }, querydoc.CanonicalEPC},
	"MATCH_anyEPC":    {func(f *query.EPCISFilter) *[]string { return &f.MatchAnyEPC }, querydoc.CanonicalEPC},
	"MATCH_parentID":  {func(f *query.EPCISFilter) *[]string { return &f.MatchParentID }, querydoc.CanonicalEPC},
	"MATCH_inputEPC":  {func(f *query.EPCISFilter) *[]string { return &f.MatchInputEPC }, querydoc.CanonicalEPC},
	"MATCH_outputEPC": {func(f *query.EPCISFilter) *[]string { return &f.MatchOutputEPC }, querydoc.CanonicalEPC},
	"MATCH_epcClass":  {func(f *query.EPCISFilter) *[]string { return &f.MatchEPCClass }, querydoc.CanonicalEPC},
}

// epcisTimeParams are the time bounds.
var epcisTimeParams = map[string]func(f *query.EPCISFilter) *time.Time{
	"GE_eventTime":  func(f *query.EPCISFilter) *time.Time { return &f.GEEventTime },
	"LT_eventTime":  func(f *query.EPCISFilter) *time.Time { return &f.LTEventTime },
	"GE_recordTime": func(f *query.EPCISFilter) *time.Time { return &f.GERecordTime },
	"LT_recordTime": func(f *query.EPCISFilter) *time.Time { return &f.LTRecordTime },
}

func keep(v string) (string, bool) { return v, true }

func action(v string) (string, bool) { return v, v == "ADD" || v == "OBSERVE" || v == "DELETE" }

func cbv(field string) func(string) (string, bool) {
	return func(v string) (string, bool) { return querydoc.ShortCBV(field, v), true }
}

// parseEPCISParams reads the query string: the binding's standard
// parameters this repository supports; any other is a 400 naming it.
func parseEPCISParams(q url.Values) (epcisParams, error) {
	p := epcisParams{perPage: query.DefaultEPCISPerPage}
	for name, vals := range q {
		if lp, ok := epcisListParams[name]; ok {
			dst := lp.field(&p.filter)
			for _, raw := range vals {
				for _, v := range strings.Split(raw, "|") {
					if v == "" || len(v) > maxEPCISValueLength {
						return p, badRequest(name, "values_must_1_500_characters", "values must be 1 to 500 characters, separated by |")
					}
					n, ok := lp.norm(v)
					if !ok {
						return p, badRequest(name, "value_not_valid_here", "value %q is not valid here", v)
					}
					*dst = append(*dst, n)
				}
			}
			if len(*dst) > maxEPCISParamValues {
				return p, badRequest(name, "at_most_100_values", "at most 100 values")
			}
			continue
		}
		if len(vals) != 1 {
			return p, badRequest(name, "may_given_once", "may be given once")
		}
		v := vals[0]
		if tp, ok := epcisTimeParams[name]; ok {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return p, badRequest(name, "must_rfc_3339_date_time", "must be an RFC 3339 date-time with a zone, e.g. 2026-03-01T10:00:00+08:00")
			}
			*tp(&p.filter) = t
			continue
		}
		switch name {
		case "orderBy":
			if v != "eventTime" && v != "recordTime" {
				return p, badRequest(name, "must_eventtime_or_recordtime", "must be eventTime or recordTime")
			}
			p.filter.OrderBy = v
		case "orderDirection":
			if v != "ASC" && v != "DESC" {
				return p, badRequest(name, "must_asc_or_desc", "must be ASC or DESC")
			}
			p.filter.Desc = v == "DESC"
		case "perPage":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > query.MaxEPCISPerPage {
				return p, badRequest(name, "must_integer_from_1", "must be an integer from 1 to %d", query.MaxEPCISPerPage)
			}
			p.perPage = n
		case "nextPageToken":
			if len(v) > maxEPCISValueLength {
				return p, badRequest(name, "not_token_this_query_gave", "is not a token this query gave")
			}
			p.token = v
		case "proofs":
			if v != "true" && v != "false" {
				return p, badRequest(name, "must_true_or_false", "must be true or false")
			}
			p.proofs = v == "true"
		case "min_position":
		default:
			return p, badRequest(name, "not_query_parameter_this_repository", "is not a query parameter this repository supports")
		}
	}
	// The binding's default order is DESC once orderBy is given; without
	// orderBy events come in the log's order, oldest first.
	if p.filter.OrderBy != "" && q.Get("orderDirection") == "" {
		p.filter.Desc = true
	}
	return p, nil
}

// parseCollectionParams reads a listed collection's query string:
// perPage, nextPageToken and min_position; any other is a 400 naming it.
func parseCollectionParams(q url.Values) (perPage int, token string, err error) {
	perPage = query.DefaultEPCISPerPage
	for name, vals := range q {
		if len(vals) != 1 {
			return 0, "", badRequest(name, "may_given_once", "may be given once")
		}
		v := vals[0]
		switch name {
		case "perPage":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > query.MaxEPCISPerPage {
				return 0, "", badRequest(name, "must_integer_from_1", "must be an integer from 1 to %d", query.MaxEPCISPerPage)
			}
			perPage = n
		case "nextPageToken":
			if len(v) > maxEPCISValueLength {
				return 0, "", badRequest(name, "not_token_this_collection_gave", "is not a token this collection gave")
			}
			token = v
		case "min_position":
		default:
			return 0, "", badRequest(name, "not_query_parameter_this_collection", "is not a query parameter of this collection")
		}
	}
	return perPage, token, nil
}
