package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	appquery "github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// Bounds on a query.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	MaxTextRunes = 200
)

// ErrBadQuery is matched by every refusal of a query's input (text too
// long, an unknown kind, a bad cursor or date): the caller's mistake, not
// the index's. Each refusal is also a *domain.FieldError naming the
// request's field (q, kind, limit, after, from, to).
var ErrBadQuery = errors.New("search: bad query")

// badQuery is a refusal of a query's input: ErrBadQuery, wrapping the
// field error an API answers.
type badQuery struct{ error }

func (badQuery) Is(target error) bool { return target == ErrBadQuery }
func (b badQuery) Unwrap() error      { return b.error }

func bad(field, reason, format string, args ...any) error {
	return badQuery{domain.Invalid(field, reason, format, args...)}
}

// The query and its answer are app/query's: the index implements its
// SearchModel port.
type (
	// Query is one search (query.SearchQuery).
	Query = appquery.SearchQuery
	// Results is one page of hits, best first.
	Results = appquery.SearchResults
	// Hit is one matching record.
	Hit = appquery.SearchHit
)

// Search answers a query: hits ordered by score then id, filtered by kind,
// date and visibility inside the index before paging.
func (p *Projection) Search(ctx context.Context, q Query) (Results, error) {
	text, err := checkText(q.Text)
	if err != nil {
		return Results{}, err
	}
	limit, err := checkLimit(q.Limit)
	if err != nil {
		return Results{}, err
	}
	filter, err := filterQuery(q.Kinds, "", q.From, q.To)
	if err != nil {
		return Results{}, err
	}
	bq := bleve.NewBooleanQuery()
	if text != "" {
		bq.AddMust(textQuery(text, 1))
		bq.AddShould(kindPrior())
	} else {
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	if q.Visible != "" {
		bq.AddMust(visibleTo(q.Visible))
	}
	if filter != nil {
		bq.AddFilter(filter)
	}
	req := bleve.NewSearchRequestOptions(bq, limit+1, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{"title", "subtitle", "text", "kind", "id", "ids"}
	req.IncludeLocations = true
	if q.After != "" {
		after, err := decodeCursor(q.After)
		if err != nil {
			return Results{}, err
		}
		req.SearchAfter = after
	}
	res, err := p.search(ctx, req)
	if err != nil {
		return Results{}, err
	}
	out := Results{Total: res.Total, Hits: []Hit{}}
	for i, h := range res.Hits {
		if i == limit {
			out.Next = encodeCursor(res.Hits[i-1].Score, res.Hits[i-1].ID)
			break
		}
		out.Hits = append(out.Hits, Hit{Kind: str(h.Fields["kind"]), ID: str(h.Fields["id"]), Title: str(h.Fields["title"]),
			Subtitle: str(h.Fields["subtitle"]), Score: h.Score, Fragments: fragments(h, text)})
	}
	return out, nil
}

func (p *Projection) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.idx == nil {
		return nil, errors.New("search: the index is closed")
	}
	res, err := p.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

func checkText(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", bad("q", "not_utf8", "is not UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		return "", bad("q", "text_too_long", "has %d characters, at most %d", n, MaxTextRunes)
	}
	return s, nil
}

func checkLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 0:
		return 0, bad("limit", "negative_limit", "%d is negative", n)
	}
	return min(n, MaxLimit), nil
}

// textQuery matches the text as an identifier (whole, then in part) or as
// words. Boosts rank an exact identifier of the record itself above
// everything, then part of its own identifier, then words in its title,
// then a record that only refers to the identifier or has the words
// elsewhere. The subtitle is not searched on its own: its words are in the
// text, and a second clause for them would rank a record by how often its
// summary repeats a name (a product's subtitle names its maker).
func textQuery(text string, scale float64) query.Query {
	id := strings.ToLower(strings.Join(strings.Fields(text), ""))
	term := func(field string, boost float64) query.Query {
		t := bleve.NewTermQuery(id)
		t.SetField(field)
		t.SetBoost(boost * scale)
		return t
	}
	match := func(field string, boost float64) query.Query {
		m := bleve.NewMatchQuery(text)
		m.SetField(field)
		m.SetOperator(query.MatchQueryOperatorAnd)
		m.SetBoost(boost * scale)
		return m
	}
	return bleve.NewDisjunctionQuery(
		term("ids", 100), term("idpart", 20), term("refs", 10), term("refpart", 4),
		match("title", 6), match("text", 1),
	)
}

// kindPrior ranks enterprises, then products, above other records that
// match as well: a regulator's search starts from a name, and a product
// named after its maker (福瑞维生素C片) should follow the maker. It only
// adds to the score of records the text matched.
func kindPrior() query.Query {
	e := bleve.NewTermQuery(KindEnterprise)
	e.SetField("kind")
	e.SetBoost(enterprisePrior)
	pr := bleve.NewTermQuery(KindProduct)
	pr.SetField("kind")
	pr.SetBoost(productPrior)
	return bleve.NewDisjunctionQuery(e, pr)
}

// The priors' boosts, small beside an identifier's (100) so an exact code
// always answers its own record first.
const (
	enterprisePrior = 16.0
	productPrior    = 4.0
)

// visibleTo keeps the records uscc may see. It is a scoreless clause of the
// conjunction rather than a filter: bleve applies a filter after scoring
// every match of the text, while a conjunction leaps along the (short)
// list of the enterprise's records, so a common word ("有限公司") scores
// only the records the enterprise may see.
func visibleTo(uscc string) query.Query {
	t := bleve.NewTermQuery(uscc)
	t.SetField("visible")
	t.SetBoost(0)
	return t
}

// filterQuery is the conjunction of the kinds, visibility and date range
// asked for; nil when nothing is.
func filterQuery(kinds []string, visible, from, to string) (query.Query, error) {
	var all []query.Query
	if len(kinds) > 0 {
		var ks []query.Query
		for _, k := range kinds {
			if !slices.Contains(Kinds, k) {
				return nil, bad("kind", "unknown_search_kind", "unknown kind %q (want one of %s)", k, strings.Join(Kinds, ", "))
			}
			t := bleve.NewTermQuery(k)
			t.SetField("kind")
			ks = append(ks, t)
		}
		all = append(all, bleve.NewDisjunctionQuery(ks...))
	}
	if visible != "" {
		t := bleve.NewTermQuery(visible)
		t.SetField("visible")
		all = append(all, t)
	}
	if from != "" || to != "" {
		var lo, hi *float64
		for _, b := range []struct {
			field, s string
			p        **float64
		}{{"from", from, &lo}, {"to", to, &hi}} {
			if b.s == "" {
				continue
			}
			n, ok := dayNumber(b.s)
			if !ok || len(b.s) != 10 {
				return nil, bad(b.field, "not_a_date", "%q is not a date YYYY-MM-DD", b.s)
			}
			*b.p = &n
		}
		yes := true
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &yes, &yes)
		r.SetField("day")
		all = append(all, r)
	}
	switch len(all) {
	case 0:
		return nil, nil
	case 1:
		return all[0], nil
	}
	return bleve.NewConjunctionQuery(all...), nil
}

// The cursor is the last hit's sort key (score, then bleve id), opaque to
// the caller: base64url of its JSON.
func encodeCursor(score float64, id string) string {
	raw, _ := json.Marshal([]string{strconv.FormatFloat(score, 'g', -1, 64), id})
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) ([]string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	var after []string
	if err == nil {
		err = json.Unmarshal(raw, &after)
	}
	if err == nil && len(after) == 2 {
		_, err = strconv.ParseFloat(after[0], 64)
		if err == nil {
			return after, nil
		}
	}
	return nil, bad("after", "bad_cursor", "%q is not a cursor this index gave", s)
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return str(v[0])
		}
	}
	return ""
}

var _ appquery.SearchModel = (*Projection)(nil)
