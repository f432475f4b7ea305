package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	appquery "github.com/traceledger/traceledger/app/query"
)

// Fragment is a piece of a record's text with the matched words marked, as
// plain text (query.Fragment): a UI renders each part escaped, marking the
// matches, so no markup from the index ever reaches a page.
type Fragment = appquery.Fragment

// Part is a run of a fragment's text.
type Part = appquery.Part

// maxFragmentBytes bounds a fragment cut from the text field: the line
// with the match, cut around the first match when it is longer.
const maxFragmentBytes = 240

// fragments marks the query's matches in the hit's stored fields, from the
// term locations bleve found (byte offsets into the field's text), and in
// its identifiers by plain substring search.
func fragments(h *search.DocumentMatch, text string) []Fragment {
	var out []Fragment
	for _, field := range []string{"title", "subtitle", "text"} {
		s := str(h.Fields[field])
		var spans [][2]int
		for _, locs := range h.Locations[field] {
			for _, l := range locs {
				if int(l.End) <= len(s) && l.Start < l.End {
					spans = append(spans, [2]int{int(l.Start), int(l.End)})
				}
			}
		}
		if len(spans) == 0 {
			continue
		}
		spans = merge(spans)
		if field == "text" {
			s, spans = line(s, spans)
		}
		out = append(out, Fragment{Field: field, Parts: split(s, spans)})
	}
	id := strings.ToLower(strings.Join(strings.Fields(text), ""))
	if len(id) >= minPart {
		for _, v := range idsOf(h.Fields["ids"]) {
			if i := strings.Index(strings.ToLower(v), id); i >= 0 {
				out = append(out, Fragment{Field: "id", Parts: split(v, [][2]int{{i, i + len(id)}})})
				break
			}
		}
	}
	return out
}

func idsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, str(x))
		}
		return out
	}
	return nil
}

// merge sorts spans and joins overlapping or touching ones: CJK bigrams
// overlap by a character.
func merge(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// line narrows the text field to the line holding the first match, cut to
// maxFragmentBytes around it, and shifts the spans to match.
func line(s string, spans [][2]int) (string, [][2]int) {
	first := spans[0][0]
	start := strings.LastIndexByte(s[:first], '\n') + 1
	end := len(s)
	if i := strings.IndexByte(s[first:], '\n'); i >= 0 {
		end = first + i
	}
	if end-start > maxFragmentBytes {
		start = max(start, first-maxFragmentBytes/4)
		end = min(end, start+maxFragmentBytes)
		start, end = runeStart(s, start), runeStart(s, end)
	}
	var out [][2]int
	for _, sp := range spans {
		if sp[0] >= start && sp[1] <= end {
			out = append(out, [2]int{sp[0] - start, sp[1] - start})
		}
	}
	return s[start:end], out
}

// runeStart moves i back to the start of the UTF-8 character it is in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// split cuts s into parts at the spans.
func split(s string, spans [][2]int) []Part {
	var out []Part
	at := 0
	for _, sp := range spans {
		if sp[0] > at {
			out = append(out, Part{Text: s[at:sp[0]]})
		}
		out = append(out, Part{Text: s[sp[0]:sp[1]], Match: true})
		at = sp[1]
	}
	if at < len(s) {
		out = append(out, Part{Text: s[at:]})
	}
	return out
}
