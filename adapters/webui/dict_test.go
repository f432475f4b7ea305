package webui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// The dictionary tests read static/js/dict*.js as data (jsdict.go) and the
// Go sources that define the values the server sends, so that a new value
// without its label fails here, in plain `go test`, without a browser or
// node.

// readDict answers the UI's dictionary per language, as the browser builds
// it: dict.js's en and zh, the English event type names derived from the
// Chinese ones (the loop at the end of dict.js), and the error texts of
// dict_errors.js.
func readDict(t *testing.T) map[string]map[string]string {
	t.Helper()
	objects := map[string]map[string]string{}
	for _, f := range []string{"dict.js", "dict_errors.js"} {
		b, err := os.ReadFile(filepath.Join("static", "js", f))
		if err != nil {
			t.Fatal(err)
		}
		objs, err := objectLiterals(string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for name, o := range objs {
			objects[name] = o
		}
	}
	for _, name := range []string{"en", "zh", "errorsEn", "errorsZh"} {
		if objects[name] == nil {
			t.Fatalf("the dictionary files define no object %q", name)
		}
	}
	en, zh := objects["en"], objects["zh"]
	for k := range zh {
		if strings.HasPrefix(k, "type.") && en[k] == "" {
			en[k] = "(derived)"
		}
	}
	for k, v := range objects["errorsEn"] {
		en[k] = v
	}
	for k, v := range objects["errorsZh"] {
		zh[k] = v
	}
	return map[string]map[string]string{"en": en, "zh": zh}
}

// Every key has its text in both languages, and every text has the same
// {placeholders} in both.
func TestDictionaryHasEveryKeyInBothLanguages(t *testing.T) {
	d := readDict(t)
	en, zh := d["en"], d["zh"]
	placeholder := regexp.MustCompile(`\{\w+\}`)
	for _, k := range sortedKeys(en) {
		z, ok := zh[k]
		if !ok {
			t.Errorf("%q has an English text and no Chinese one", k)
			continue
		}
		if en[k] == "(derived)" {
			continue
		}
		pe, pz := placeholder.FindAllString(en[k], -1), placeholder.FindAllString(z, -1)
		sort.Strings(pe)
		sort.Strings(pz)
		if !slices.Equal(slices.Compact(pe), slices.Compact(pz)) {
			t.Errorf("%q: English placeholders %v, Chinese %v", k, pe, pz)
		}
	}
	for _, k := range sortedKeys(zh) {
		if _, ok := en[k]; !ok {
			t.Errorf("%q has a Chinese text and no English one", k)
		}
	}
	// A Chinese text that is plain English was not translated.
	english := regexp.MustCompile(`^[A-Za-z ,.'’()-]{4,}$`)
	for _, k := range sortedKeys(zh) {
		if english.MatchString(zh[k]) && !allowedEnglish[zh[k]] {
			t.Errorf("%q: the Chinese text %q is English", k, zh[k])
		}
	}
}

// allowedEnglish are texts that stay as they are in Chinese.
var allowedEnglish = map[string]bool{"ClickHouse": true, "English": true}

// Every key a script or page names literally (t('…'), tv('prefix', '…'),
// panel('…'), data-i18n="…") is in the dictionary.
func TestDictionaryHoldsEveryKeyTheScriptsName(t *testing.T) {
	d := readDict(t)
	uses := []*regexp.Regexp{
		regexp.MustCompile(`\b(?:t|panel|part|row)\(\s*'([A-Za-z][\w.-]*)'`),
		regexp.MustCompile(`data-i18n(?:-placeholder)?="([^"]+)"`),
		regexp.MustCompile(`'data-i18n(?:-placeholder)?':\s*'([^']+)'`),
	}
	enumUse := regexp.MustCompile(`\btv\(\s*'([\w.]+)',\s*'([^']+)'\s*\)`)
	files, _ := filepath.Glob(filepath.Join("static", "js", "*.js"))
	pages, _ := filepath.Glob(filepath.Join("static", "*.html"))
	for _, f := range append(files, pages...) {
		if strings.HasPrefix(filepath.Base(f), "dict") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		var keys []string
		for _, re := range uses {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				keys = append(keys, m[1])
			}
		}
		for _, m := range enumUse.FindAllStringSubmatch(src, -1) {
			keys = append(keys, m[1]+"."+m[2])
		}
		for _, k := range keys {
			for _, lang := range []string{"en", "zh"} {
				if _, ok := d[lang][k]; !ok {
					t.Errorf("%s uses the key %q, which has no %s text", filepath.Base(f), k, lang)
				}
			}
		}
	}
}

// Every value the server can send in a field the UI labels has its label:
// the values come from the Go constants that define them.
func TestDictionaryLabelsEveryValueTheServerSends(t *testing.T) {
	d := readDict(t)
	for _, fam := range labelledEnums(t) {
		if len(fam.values) == 0 {
			t.Errorf("%s: no values found in the Go sources (did a constant move?)", fam.prefix)
		}
		for _, v := range fam.values {
			k := fam.prefix + "." + v
			for _, lang := range []string{"en", "zh"} {
				if _, ok := d[lang][k]; !ok {
					t.Errorf("%s can come from the server (%s) and %q has no %s label", v, fam.from, k, lang)
				}
			}
		}
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ensure the file is valid UTF-8 before parsing: a broken byte would make a
// key silently differ.
func validUTF8(src string) error {
	if !utf8.ValidString(src) {
		return fmt.Errorf("not valid UTF-8")
	}
	return nil
}
