package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Bounds of the search parameters. The index bounds the text in characters
// (query.SearchModel refuses more than 200); these bound the raw
// parameters before anything reads them.
const (
	maxSearchText   = 200
	maxSearchCursor = 512
	maxSearchKinds  = 6
	maxSearchLimit  = 100
	maxSuggestLimit = 50
)

// searchJSON is a page of hits. Next is what to pass as ?after= for the
// following page, null on the last one.
type searchJSON struct {
	Hits  []query.SearchHit `json:"hits"`
	Total uint64            `json:"total"`
	Next  *string           `json:"next"`
}

type suggestJSON struct {
	Suggestions []query.Suggestion `json:"suggestions"`
}

// RouteSearch serves the full-text search: GET /api/v1/search (one page of
// hits, best first) and GET /api/v1/search/suggest (type-ahead). Regulators
// and analysts find every record, an enterprise the records it may read.
func (s *Server) RouteSearch(q *query.Searches) {
	s.HandleFunc("GET /api/v1/search", func(w http.ResponseWriter, r *http.Request) error {
		sq, err := searchParams(r)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (searchJSON, error) {
			res, err := q.Search(r.Context(), rd, sq)
			out := searchJSON{Hits: res.Hits, Total: res.Total}
			if out.Hits == nil {
				out.Hits = []query.SearchHit{}
			}
			if res.Next != "" {
				out.Next = &res.Next
			}
			return out, err
		})
	}, Roles(access.Readers...))
	s.HandleFunc("GET /api/v1/search/suggest", func(w http.ResponseWriter, r *http.Request) error {
		text, err := searchText(r)
		if err != nil {
			return err
		}
		limit, err := limitParam(r, 10, maxSuggestLimit)
		if err != nil {
			return err
		}
		return answerJSON(w, r, q, func(rd query.Read) (suggestJSON, error) {
			got, err := q.Suggest(r.Context(), rd, text, limit)
			if got == nil {
				got = []query.Suggestion{}
			}
			return suggestJSON{Suggestions: got}, err
		})
	}, Roles(access.Readers...))
}

// searchText reads ?q=: UTF-8, at most maxSearchText characters.
func searchText(r *http.Request) (string, error) {
	text := r.URL.Query().Get("q")
	if !utf8.ValidString(text) {
		return "", domain.Invalid("q", "not_valid_utf_8", "is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(text); n > maxSearchText {
		return "", domain.Invalid("q", "has_characters_at_most", "has %d characters, at most %d", n, maxSearchText)
	}
	return text, nil
}

// limitParam reads ?limit=: 1 to most, def when absent.
func limitParam(r *http.Request, def, most int) (int, error) {
	raw := r.URL.Query().Get("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > most {
		return 0, domain.Invalid("limit", "must_integer_from_1", "must be an integer from 1 to %d", most)
	}
	return n, nil
}

// searchParams reads ?q=&kind=&from=&to=&limit=&after=. kind may be
// repeated or comma-separated.
func searchParams(r *http.Request) (query.SearchQuery, error) {
	text, err := searchText(r)
	if err != nil {
		return query.SearchQuery{}, err
	}
	limit, err := limitParam(r, 20, maxSearchLimit)
	if err != nil {
		return query.SearchQuery{}, err
	}
	v := r.URL.Query()
	sq := query.SearchQuery{Text: text, Limit: limit, After: v.Get("after"), From: v.Get("from"), To: v.Get("to")}
	if len(sq.After) > maxSearchCursor {
		return query.SearchQuery{}, domain.Invalid("after", "not_cursor_this_search_gave", "is not a cursor this search gave")
	}
	for _, d := range []struct{ field, v string }{{"from", sq.From}, {"to", sq.To}} {
		if len(d.v) > len("2006-01-02") {
			return query.SearchQuery{}, domain.Invalid(d.field, "not_date_yyyy_mm_dd", "%q is not a date YYYY-MM-DD", d.v)
		}
	}
	for _, raw := range v["kind"] {
		for _, k := range strings.Split(raw, ",") {
			if k = strings.TrimSpace(k); k != "" {
				sq.Kinds = append(sq.Kinds, k)
			}
		}
	}
	if len(sq.Kinds) > maxSearchKinds {
		return query.SearchQuery{}, domain.Invalid("kind", "names_kinds_at_most", "names %d kinds, at most %d", len(sq.Kinds), maxSearchKinds)
	}
	for _, k := range sq.Kinds {
		if len(k) > 32 {
			return query.SearchQuery{}, domain.Invalid("kind", "unknown_kind", "unknown kind")
		}
	}
	return sq, nil
}
