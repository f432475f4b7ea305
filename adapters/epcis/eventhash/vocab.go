package eventhash

import "strings"

// vocabulary is a CBV or GS1 web vocabulary as the EPCIS JSON-LD context
// defines it: bare terms ("shipping") that stand for prefix+term.
type vocabulary struct {
	prefix string
	terms  string // space-separated
}

// expand returns the vocabulary URI of a bare term, or v unchanged when v
// is not one of the vocabulary's terms (a full URI, a private value). It
// looks v up in the terms' text, where a term is a whole word: no list is
// split for a value that most often is not a term at all.
func (voc vocabulary) expand(v string) string {
	if v == "" || strings.IndexByte(v, ' ') >= 0 {
		return v
	}
	t := voc.terms
	for from := 0; from < len(t); {
		i := strings.Index(t[from:], v)
		if i < 0 {
			break
		}
		i += from
		end := i + len(v)
		if (i == 0 || t[i-1] == ' ') && (end == len(t) || t[end] == ' ') {
			return voc.prefix + v
		}
		from = i + 1
	}
	return v
}

// vocabScope says which JSON-LD keys take bare vocabulary terms inside one
// kind of object, and which scope applies inside each nested object, as
// the EPCIS context's scoped contexts do.
type vocabScope struct {
	terms  map[string]vocabulary
	nested map[string]*vocabScope
}

// term returns the vocabulary of key in scope s.
func (s *vocabScope) term(key string) (vocabulary, bool) {
	if s == nil {
		return vocabulary{}, false
	}
	v, ok := s.terms[key]
	return v, ok
}

// inside returns the scope of the object under key, nil if none.
func (s *vocabScope) inside(key string) *vocabScope {
	if s == nil {
		return nil
	}
	return s.nested[key]
}

// eventScope is the scope of an event object.
var eventScope = &vocabScope{
	terms: map[string]vocabulary{"bizStep": bizStepTerms, "disposition": dispositionTerms},
	nested: map[string]*vocabScope{
		"persistentDisposition": {terms: map[string]vocabulary{"set": dispositionTerms, "unset": dispositionTerms}},
		"bizTransactionList":    {terms: map[string]vocabulary{"type": bizTransactionTypeTerms}},
		"sourceList":            {terms: map[string]vocabulary{"type": sourceDestTypeTerms}},
		"destinationList":       {terms: map[string]vocabulary{"type": sourceDestTypeTerms}},
		"errorDeclaration":      {terms: map[string]vocabulary{"reason": errorReasonTerms}},
		"sensorElementList": {nested: map[string]*vocabScope{
			"sensorReport": {terms: map[string]vocabulary{
				"type": measurementTypeTerms, "exception": sensorExceptionTerms, "component": componentTerms,
			}},
		}},
	},
}
