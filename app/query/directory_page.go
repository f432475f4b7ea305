package query

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"

	"github.com/traceledger/traceledger/domain"
)

// DefaultDirectoryLimit and MaxDirectoryLimit bound a directory page, as
// the other lists' pages are bounded.
const (
	DefaultDirectoryLimit = 100
	MaxDirectoryLimit     = 1000
)

// DirectoryPage is how a directory is sorted and paged. Sort names the
// sort key ("" for the directory's default), with a leading "-" for
// descending. After is the Next of the previous page: an opaque cursor
// holding the sort, the last row's sort key and its id, so a page follows
// its predecessor under the same sort even while rows are added.
type DirectoryPage struct {
	Sort  string
	After string
	Limit int
}

// sortKey is one row's place in a sorted directory: key, then id (unique)
// to break ties, so the order is total and a cursor names one place.
type sortKey struct{ key, id string }

// cursor is what an opaque After holds.
type cursor struct {
	Sort string `json:"s"`
	Key  string `json:"k"`
	ID   string `json:"i"`
}

func encodeDirCursor(sort string, k sortKey) string {
	b, _ := json.Marshal(cursor{Sort: sort, Key: k.key, ID: k.id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeDirCursor(sort, after string) (sortKey, error) {
	bad := domain.Invalid("after", "not_cursor_this_list_gave_2", "is not a cursor this list gave for sort %q: pass the previous page's next", sort)
	b, err := base64.RawURLEncoding.DecodeString(after)
	if err != nil {
		return sortKey{}, bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || c.ID == "" {
		return sortKey{}, bad
	}
	return sortKey{c.Key, c.ID}, nil
}

// pageSorted sorts rows by the key sorts names (keys holds each sort's key
// function; the first sort listed in order is the default), then pages them
// after pg.After. next is "" on the last page: a page is never cut short
// without a cursor to the rest.
func pageSorted[T any](rows []T, pg DirectoryPage, order []string, keys map[string]func(T) sortKey) ([]T, string, error) {
	sort := pg.Sort
	if sort == "" {
		sort = order[0]
	}
	name, desc := strings.CutPrefix(sort, "-")
	keyOf, ok := keys[name]
	if !ok {
		return nil, "", domain.Invalid("sort", "want_one_each_optionally_prefixed", "%q: want one of %s, each optionally prefixed by -", pg.Sort, strings.Join(order, ", "))
	}
	limit := pg.Limit
	if limit == 0 {
		limit = DefaultDirectoryLimit
	}
	if limit < 1 || limit > MaxDirectoryLimit {
		return nil, "", domain.Invalid("limit", "must_integer_from_1", "must be an integer from 1 to %d", MaxDirectoryLimit)
	}
	compare := func(a, b sortKey) int {
		c := cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
		if desc {
			return -c
		}
		return c
	}
	ks := make([]sortKey, len(rows))
	idx := make([]int, len(rows))
	for i, r := range rows {
		ks[i], idx[i] = keyOf(r), i
	}
	slices.SortFunc(idx, func(a, b int) int { return compare(ks[a], ks[b]) })
	start := 0
	if pg.After != "" {
		after, err := decodeDirCursor(sort, pg.After)
		if err != nil {
			return nil, "", err
		}
		start, _ = slices.BinarySearchFunc(idx, after, func(i int, t sortKey) int {
			if compare(ks[i], t) <= 0 {
				return -1
			}
			return 1
		})
	}
	end := min(start+limit, len(idx))
	out := make([]T, 0, end-start)
	for _, i := range idx[start:end] {
		out = append(out, rows[i])
	}
	next := ""
	if end < len(idx) {
		next = encodeDirCursor(sort, ks[idx[end-1]])
	}
	return out, next, nil
}

// containsFold reports whether s contains sub, ignoring case: the
// directories' name filter (a substring, so a two-character Chinese word
// finds the longer names it is part of).
func containsFold(s, sub string) bool {
	return sub == "" || strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
