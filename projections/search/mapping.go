package search

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
)

// schema versions the mapping and the folded documents: an index of
// another schema is emptied when opened, and the snapshot's Version follows
// it, so the runner rebuilds the model from the log.
const schema = 3

// newMapping is the index's one document mapping, nothing dynamic:
//   - title, subtitle, text: CJK analyzer (bigrams, width-folded,
//     lower-cased), stored for display and fragments;
//   - ids, refs: whole identifiers, keyword analyzer, lower-cased in Go;
//   - idpart, refpart: their prefixes and suffixes, keyword;
//   - kind, visible: keywords for the filters;
//   - day: YYYYMMDD as a number, for date ranges;
//   - state: the folded document (doc), stored only.
func newMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		m := mapping.NewTextFieldMapping()
		m.Analyzer = cjk.AnalyzerName
		m.Store = store
		m.IncludeTermVectors = true
		m.IncludeInAll = false
		return m
	}
	kw := func(store bool) *mapping.FieldMapping {
		m := mapping.NewKeywordFieldMapping()
		m.Analyzer = keyword.Name
		m.Store = store
		m.IncludeTermVectors = false
		m.IncludeInAll = false
		m.DocValues = false
		return m
	}
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text(true))
	dm.AddFieldMappingsAt("subtitle", text(true))
	dm.AddFieldMappingsAt("text", text(true))
	dm.AddFieldMappingsAt("ids", kw(true))
	dm.AddFieldMappingsAt("refs", kw(false))
	dm.AddFieldMappingsAt("idpart", kw(false))
	dm.AddFieldMappingsAt("refpart", kw(false))
	dm.AddFieldMappingsAt("visible", kw(false))
	kind := kw(true)
	dm.AddFieldMappingsAt("kind", kind)
	dm.AddFieldMappingsAt("id", kw(true))
	// state: the folded document as JSON, stored and not indexed, read
	// back when a later event changes the record.
	st := kw(true)
	st.Index = false
	dm.AddFieldMappingsAt("state", st)
	day := mapping.NewNumericFieldMapping()
	day.IncludeInAll = false
	dm.AddFieldMappingsAt("day", day)

	im := mapping.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = cjk.AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}
