package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	appquery "github.com/traceledger/traceledger/app/query"
)

// Bounds on a type-ahead.
const (
	DefaultSuggestions = 10
	MaxSuggestions     = 50
)

// Suggestion is one record a partly typed text may mean (query.Suggestion).
type Suggestion = appquery.Suggestion

// Suggest answers a type-ahead: the records whose title (or subtitle) has the typed
// words, the last one possibly unfinished (a Latin word's start, or one
// Chinese character that starts a word), or whose identifier is or
// contains the text as a prefix or suffix. visible filters as in Query;
// limit is DefaultSuggestions when 0, at most MaxSuggestions.
func (p *Projection) Suggest(ctx context.Context, prefix, visible string, limit int) ([]Suggestion, error) {
	text, err := checkText(prefix)
	if err != nil {
		return nil, err
	}
	switch {
	case limit == 0:
		limit = DefaultSuggestions
	case limit < 0:
		return nil, bad("limit", "negative_limit", "%d is negative", limit)
	}
	limit = min(limit, MaxSuggestions)
	out := []Suggestion{}
	if text == "" {
		return out, nil
	}
	words := strings.Fields(strings.ToLower(text))
	prefixIn := func(field string, boost float64) query.Query {
		q := bleve.NewPrefixQuery(words[len(words)-1])
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	id := strings.ToLower(strings.Join(words, ""))
	idq := func(field string, boost float64) query.Query {
		t := bleve.NewTermQuery(id)
		t.SetField(field)
		t.SetBoost(boost)
		return t
	}
	wordsIn := func(field string, boost float64) query.Query {
		q := bleve.NewMatchQuery(text)
		q.SetField(field)
		q.SetOperator(query.MatchQueryOperatorAnd)
		q.SetBoost(boost)
		return q
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(bleve.NewDisjunctionQuery(idq("ids", 100), idq("idpart", 20),
		wordsIn("title", 6), wordsIn("subtitle", 2), prefixIn("title", 3), prefixIn("subtitle", 1)))
	if visible != "" {
		bq.AddMust(visibleTo(visible))
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{"title", "kind", "id"}
	res, err := p.search(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		out = append(out, Suggestion{Kind: str(h.Fields["kind"]), ID: str(h.Fields["id"]), Title: str(h.Fields["title"])})
	}
	return out, nil
}
