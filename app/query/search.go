package query

import (
	"context"
	"strings"

	"github.com/traceledger/traceledger/domain/access"
)

// SearchModel is the full-text index of enterprises, products, batches,
// declarations, complaints and recalls; *search.Projection implements it.
// It refuses malformed input (text too long, an unknown kind, a cursor it
// did not give) with a *domain.FieldError naming the field.
type SearchModel interface {
	Search(ctx context.Context, q SearchQuery) (SearchResults, error)
	// Suggest answers a type-ahead for prefix, filtered by visible as
	// SearchQuery.Visible is.
	Suggest(ctx context.Context, prefix, visible string, limit int) ([]Suggestion, error)
}

// SearchQuery is one search.
type SearchQuery struct {
	// Text is what the user typed: words, a name, a whole identifier or
	// part of one (four characters or more).
	Text string
	// Kinds restricts the hits to these kinds; none means every kind.
	Kinds []string
	// Visible is the USCC of the enterprise asking: only records it may
	// see are returned. "" means every record. Searches sets it from the
	// actor; whatever the caller put there is replaced.
	Visible string
	// From and To (YYYY-MM-DD China days, as DayBound reads them,
	// inclusive, either may be empty) restrict hits to records dated in
	// the range.
	From, To string
	// Limit is the page size (the model's default when 0).
	Limit int
	// After is the Next cursor of the previous page.
	After string
}

// SearchResults is one page of hits, best first.
type SearchResults struct {
	Hits []SearchHit `json:"hits"`
	// Total is how many records the caller may see match the whole query.
	Total uint64 `json:"total"`
	// Next is the cursor of the following page; "" on the last page.
	Next string `json:"next,omitempty"`
}

// SearchHit is one matching record.
type SearchHit struct {
	Kind string `json:"kind"`
	// ID is the record's id: USCC, GTIN-14, "{gtin14}/{lot}" for a
	// batch, declaration number, complaint or recall id.
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Subtitle  string     `json:"subtitle"`
	Score     float64    `json:"score"`
	Fragments []Fragment `json:"fragments,omitempty"`
}

// Fragment is a piece of a record's text with the matched words marked, as
// plain text: Parts concatenate to the piece, and a Part with Match set is
// one the query matched. A UI renders each part as text, marking the
// matches, so no markup from the index ever reaches a page.
type Fragment struct {
	// Field is where the text comes from: title, subtitle, text or id.
	Field string `json:"field"`
	Parts []Part `json:"parts"`
}

// Part is a run of a fragment's text.
type Part struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// String is the fragment's plain text.
func (f Fragment) String() string {
	var b strings.Builder
	for _, p := range f.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Suggestion is one record a partly typed text may mean.
type Suggestion struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Searches answers full-text searches: overseers find every record, an
// enterprise only those it may read elsewhere (access.SearchScope); the
// index filters on that before counting and paging, so totals and cursors
// say nothing of other enterprises' records.
type Searches struct {
	consistency
	model SearchModel
}

// NewSearches reads model once progress has reached the client's position.
func NewSearches(model SearchModel, progress Progress) *Searches {
	return &Searches{consistency: consistency{progress}, model: model}
}

// Search answers one page of q as rd's actor may see it.
func (q *Searches) Search(ctx context.Context, rd Read, sq SearchQuery) (SearchResults, error) {
	scope, err := access.SearchScope(rd.Actor)
	if err != nil {
		return SearchResults{}, err
	}
	if err := q.await(ctx, rd); err != nil {
		return SearchResults{}, err
	}
	sq.Visible = scope
	return q.model.Search(ctx, sq)
}

// Suggest answers a type-ahead for prefix as rd's actor may see it.
func (q *Searches) Suggest(ctx context.Context, rd Read, prefix string, limit int) ([]Suggestion, error) {
	scope, err := access.SearchScope(rd.Actor)
	if err != nil {
		return nil, err
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, err
	}
	return q.model.Suggest(ctx, prefix, scope, limit)
}
