// Package category is the key traceability product catalogue (重点追溯产品
// 目录): the controlled, versioned vocabulary a product registration names
// its category from. The catalogue is a file embedded in the binary, so a
// ledger judges every registration against the version it was built with;
// a registration records the entry's code, its Chinese name (the text every
// reader showed before the catalogue existed) and the version. Events
// recorded before it, with free text, still load and show as they were.
package category

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed catalogue.json
var catalogueJSON []byte

// Entry is one category: a stable code and its names.
type Entry struct {
	Code string `json:"code"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
}

// Catalogue is one version of the vocabulary.
type Catalogue struct {
	Version    string  `json:"version"`
	Source     string  `json:"source"`
	Categories []Entry `json:"categories"`
}

var current = mustParse(catalogueJSON)

// mustParse reads the embedded file; a malformed or ambiguous one (an empty
// field, a code or name given twice) stops the program at start, never a
// registration later.
func mustParse(b []byte) Catalogue {
	var c Catalogue
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("product catalogue: %v", err))
	}
	seen := map[string]bool{}
	for _, e := range c.Categories {
		own := map[string]bool{}
		for _, k := range []string{e.Code, e.Zh, strings.ToLower(e.En)} {
			if strings.TrimSpace(k) == "" || seen[k] {
				panic(fmt.Sprintf("product catalogue %s: entry %q has an empty name or one another entry has", c.Version, e.Code))
			}
			own[k] = true
		}
		for k := range own {
			seen[k] = true
		}
	}
	if c.Version == "" || len(c.Categories) == 0 {
		panic("product catalogue: no version or no category")
	}
	return c
}

// Current is the catalogue this build judges registrations by.
func Current() Catalogue {
	c := current
	c.Categories = append([]Entry(nil), current.Categories...)
	return c
}

// Lookup finds the entry a registration names: by its code, its Chinese
// name or its English name (either case), surrounding spaces ignored.
func Lookup(s string) (Entry, bool) {
	s = strings.TrimSpace(s)
	for _, e := range current.Categories {
		if s == e.Code || s == e.Zh || strings.EqualFold(s, e.En) {
			return e, true
		}
	}
	return Entry{}, false
}
